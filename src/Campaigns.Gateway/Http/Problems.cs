using System.Diagnostics;
using Campaigns.Abstractions.Common;
using Campaigns.Gateway.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Campaigns.Gateway.Http;

/// <summary>
/// The one place where domain refusals become RFC 9457 problem responses.
/// The <c>type</c> is a stable URN built from the error code, and the code and
/// offending field are repeated as extension members for scripts.
/// </summary>
public static class Problems
{
    public const string TypePrefix = "urn:campaigns:problem:";

    /// <summary>Declares in the OpenAPI document the problem responses every route may answer.</summary>
    public static RouteGroupBuilder ProducesRefusals(this RouteGroupBuilder group) => group
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    public static int StatusCodeOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The problem response, with the refusal also marked on the request's span.</summary>
    public static ProblemHttpResult ToResult(DomainError error)
    {
        MarkSpan(error.Code, error.Detail);
        return Create(ToBody(error));
    }

    /// <summary>
    /// Gives the problems ASP.NET Core writes itself (unknown route, wrong method,
    /// unsupported media type, unhandled failure) the same stable type and code.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type?.StartsWith(TypePrefix, StringComparison.Ordinal) == true)
        {
            return;
        }

        var (code, detail) = problem.Status switch
        {
            StatusCodes.Status404NotFound => ("route-not-found", "No resource lives at this address."),
            StatusCodes.Status405MethodNotAllowed => ("method-not-allowed", "This address does not take that method."),
            StatusCodes.Status413PayloadTooLarge => ("body-too-large", "The request body is too large."),
            StatusCodes.Status415UnsupportedMediaType =>
                ("unsupported-media-type", "Send the body as JSON with content-type application/json."),
            StatusCodes.Status400BadRequest => ("bad-request", "The request could not be read."),
            _ => ("internal-error", "The service failed to handle the request; it is safe to retry."),
        };
        problem.Type = TypePrefix + code;
        problem.Detail ??= detail;
        problem.Extensions["code"] = code;
        MarkSpan(code, problem.Detail);
    }

    /// <summary>Writes a refusal made before any endpoint ran: authentication, authorization, rate limits.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string detail)
    {
        MarkSpan(code, detail);

        // Written as JSON even when the caller's Accept header asks for something else.
        var title = ReasonPhrases.GetReasonPhrase(status);
        await Create(new ProblemBody(TypePrefix + code, title, status, detail, code, null)).ExecuteAsync(context);
    }

    private static ProblemHttpResult Create(ProblemBody body)
    {
        var problem = new ProblemDetails
        {
            Type = body.Type,
            Title = body.Title,
            Status = body.Status,
            Detail = body.Detail,
        };
        problem.Extensions["code"] = body.Code;
        if (body.Field is not null)
        {
            problem.Extensions["field"] = body.Field;
        }

        return TypedResults.Problem(problem);
    }

    private static void MarkSpan(string code, string? detail)
    {
        if (Activity.Current is { } activity)
        {
            activity.SetTag("error.type", code);
            activity.SetStatus(ActivityStatusCode.Error, $"{code}: {detail}");
        }
    }

    public static ProblemBody ToBody(DomainError error)
    {
        var status = StatusCodeOf(error.Kind);
        var title = error.Kind switch
        {
            ErrorKind.NotFound => "Not found",
            ErrorKind.Conflict => "Conflict",
            ErrorKind.TooLarge => "Request too large",
            ErrorKind.Forbidden => "Forbidden",
            _ => "Invalid request",
        };
        return new ProblemBody(TypePrefix + error.Code, title, status, error.Detail, error.Code, error.Field);
    }
}
