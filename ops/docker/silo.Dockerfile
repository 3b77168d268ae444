# A silo of the cluster; also runs the schema migration step (`migrate`).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Campaigns.Silo -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
COPY --from=build /app /app
ENV Campaigns__Mode=Cluster
ENTRYPOINT ["dotnet", "/app/Campaigns.Silo.dll"]
