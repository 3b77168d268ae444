# The gateway with its co-hosted silo: the embedded default in a container.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Campaigns.Gateway -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /srv
COPY --from=build /app /app
ENV Urls=http://0.0.0.0:8080 \
    Campaigns__Storage__ConnectionString="Data Source=/srv/data/campaigns.db"
VOLUME /srv/data
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/Campaigns.Gateway.dll"]
