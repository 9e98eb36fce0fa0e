using Scalar.AspNetCore;
using Shop.Modules.AwsApi;
using Shop.Modules.Coffee;
using Shop.Modules.EventStore;
using Shop.Modules.Fulfillment;
using Shop.Modules.Kernel;
using Shop.Modules.Choreography;
using Shop.Modules.Customers;
using Shop.Modules.Delivery;
using Shop.Modules.Inventory;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.Events;
using Shop.Modules.Kernel.Http;
using Shop.Modules.Kernel.Rules;
using Shop.Modules.Kernel.SampleData;
using Shop.Modules.Kernel.Settings;
using Shop.Modules.Orders;
using Shop.Modules.Payments;
using Shop.Modules.SkipTheLine;
using Shop.Modules.Tables;
using Shop.Modules.Workflows;
using Shop.Web;
using Shop.Web.Health;
using Shop.Web.Security;
using Shop.Web.Telemetry;

var builder = WebApplication.CreateBuilder(args);
var settingsRoot = SettingsFile.UseRepositoryRoot(builder);
// The seeds' environment variables (PAYMENT_FAIL_PROBABILITY) win over the file, environment and command line.
builder.Configuration.AddSeedEnvironment();
// Last source: values changed at run time (settings page) win over the file, environment and command line.
var runtimeSettings = new RuntimeSettings();
((IConfigurationBuilder)builder.Configuration).Add(runtimeSettings);
builder.Services.AddSingleton(runtimeSettings);

// SIGTERM: steps in flight finish or are cancelled (each commits whole or not at all) within this bound.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Shop:ShutdownSeconds", 4)));
builder.Services.AddKernel(builder.Configuration, settingsRoot.Resolve(builder.Configuration["Shop:DataFolder"] ?? "data"));
builder.Services.AddSampleData(settingsRoot.Resolve(builder.Configuration["Shop:SeedFolder"] ?? "seed"));
builder.Services.AddCustomersModule(builder.Configuration);
builder.Services.AddInventoryModule(builder.Configuration);
builder.Services.AddPaymentsModule(builder.Configuration);
builder.Services.AddDeliveryModule(builder.Configuration);
builder.Services.AddOrdersModule(builder.Configuration);
builder.Services.AddTablesModule(builder.Configuration);
builder.Services.AddEventStoreModule(builder.Configuration);
builder.Services.AddWorkflowsModule(builder.Configuration);
builder.Services.AddAslWorkflows(settingsRoot.Resolve(builder.Configuration["Workflows:AslFolder"] ?? "workflows"));
builder.Services.AddCoffeeModule(builder.Configuration);
builder.Services.AddSkipTheLineModule(builder.Configuration);
builder.Services.AddRules(builder.Configuration);
builder.Services.AddFulfillmentModule(builder.Configuration);
builder.Services.AddChoreographyModule(builder.Configuration);
builder.Services.AddAwsApiModule(builder.Configuration);
builder.Services.AddOpenApi();
builder.Services.AddShopHealthChecks();
builder.Services.AddAdminPages();
builder.Services.AddAdminSecurity(builder.Configuration);
builder.Services.AddShopTelemetry(builder.Configuration);

var app = builder.Build();

await app.Services.MigrateModuleDatabasesAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles(WebRoot.Files(app.Environment, settingsRoot));
// Loopback is trusted; from elsewhere admin pages, /hangfire and mutating endpoints need the admin credential.
app.UseAdminSecurity();
app.UseJsonBodyGuard();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapShopHealthChecks();
app.MapSampleDataEndpoints();
app.MapDatabaseEndpoints();
app.MapCustomersEndpoints();
app.MapInventoryEndpoints();
app.MapPaymentsEndpoints();
app.MapDeliveryEndpoints();
app.MapOrdersEndpoints();
app.MapRazorPages();
app.MapEventStoreEndpoints();
app.MapDeadDeliveryEndpoints();
app.MapWorkflowsEndpoints();
app.MapAslWorkflowEndpoints();
app.MapCoffeeEndpoints();
app.MapSkipTheLineEndpoints();
app.MapRulesEndpoints();
app.MapFulfillmentEndpoints();
app.MapChoreographyEndpoints();
app.MapAwsApiEndpoints();
app.MapWorkflowsHangfireDashboard(new HangfireAdminAuthorization());

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
