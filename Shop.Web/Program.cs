using Scalar.AspNetCore;
using Shop.Modules.EventStore;
using Shop.Modules.Kernel;
using Shop.Modules.Kernel.Database;
using Shop.Web;
using Shop.Web.Security;

var builder = WebApplication.CreateBuilder(args);
var settingsRoot = SettingsFile.UseRepositoryRoot(builder);

builder.Services.AddKernel(builder.Configuration, settingsRoot.Resolve(builder.Configuration["Shop:DataFolder"] ?? "data"));
builder.Services.AddEventStoreModule(builder.Configuration);
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddAdminPages();
builder.Services.AddAdminSecurity(builder.Configuration);

var app = builder.Build();

await app.Services.MigrateModuleDatabasesAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles(WebRoot.Files(app.Environment, settingsRoot));
// Loopback is trusted; from elsewhere admin pages, /hangfire and mutating endpoints need the admin credential.
app.UseAdminSecurity();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthChecks("/health");
app.MapRazorPages();
app.MapEventStoreEndpoints();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
