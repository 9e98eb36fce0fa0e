using Scalar.AspNetCore;
using Shop.Modules.Kernel;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Workflows;
using Shop.Web;

var builder = WebApplication.CreateBuilder(args);
var settingsRoot = SettingsFile.UseRepositoryRoot(builder);

builder.Services.AddKernel(builder.Configuration, settingsRoot.Resolve(builder.Configuration["Shop:DataFolder"] ?? "data"));
builder.Services.AddWorkflowsModule(builder.Configuration);
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();

await app.Services.MigrateModuleDatabasesAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthChecks("/health");
app.MapWorkflowsEndpoints();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
