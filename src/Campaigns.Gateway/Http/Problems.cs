using Campaigns.Abstractions.Common;
using Campaigns.Gateway.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Campaigns.Gateway.Http;

/// <summary>
/// The one place where domain refusals become RFC 9457 problem responses.
/// The <c>type</c> is a stable URN built from the error code, and the code and
/// offending field are repeated as extension members for scripts.
/// </summary>
public static class Problems
{
    public const string TypePrefix = "urn:campaigns:problem:";

    public static int StatusCodeOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    public static ProblemHttpResult ToResult(DomainError error)
    {
        var body = ToBody(error);
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

    public static ProblemBody ToBody(DomainError error)
    {
        var status = StatusCodeOf(error.Kind);
        var title = error.Kind switch
        {
            ErrorKind.NotFound => "Not found",
            ErrorKind.Conflict => "Conflict",
            _ => "Invalid request",
        };
        return new ProblemBody(TypePrefix + error.Code, title, status, error.Detail, error.Code, error.Field);
    }
}
