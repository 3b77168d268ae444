using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Campaigns.Gateway.Access;

/// <summary>Tells readers of the OpenAPI document that every operation takes a bearer API key.</summary>
public static class OpenApiSecurity
{
    private const string SchemeName = "apiKey";

    public static OpenApiOptions DeclareApiKeys(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key: `Authorization: Bearer cmk_…`. Health and this document need none.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new(SchemeName, document)] = [] }];
            return Task.CompletedTask;
        });
}
