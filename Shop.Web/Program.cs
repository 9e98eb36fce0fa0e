using Scalar.AspNetCore;
using Shop.Modules.Kernel;
using Shop.Modules.Customers;
using Shop.Modules.Delivery;
using Shop.Modules.Inventory;
using Shop.Modules.Kernel.Database;
using Shop.Modules.Kernel.SampleData;
using Shop.Modules.Orders;
using Shop.Modules.Payments;
using Shop.Web;

var builder = WebApplication.CreateBuilder(args);
var settingsRoot = SettingsFile.UseRepositoryRoot(builder);

builder.Services.AddKernel(builder.Configuration, settingsRoot.Resolve(builder.Configuration["Shop:DataFolder"] ?? "data"));
builder.Services.AddSampleData(settingsRoot.Resolve(builder.Configuration["Shop:SeedFolder"] ?? "seed"));
builder.Services.AddCustomersModule(builder.Configuration);
builder.Services.AddInventoryModule(builder.Configuration);
builder.Services.AddPaymentsModule(builder.Configuration);
builder.Services.AddDeliveryModule(builder.Configuration);
builder.Services.AddOrdersModule(builder.Configuration);
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();

await app.Services.MigrateModuleDatabasesAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthChecks("/health");
app.MapSampleDataEndpoints();
app.MapCustomersEndpoints();
app.MapInventoryEndpoints();
app.MapPaymentsEndpoints();
app.MapDeliveryEndpoints();
app.MapOrdersEndpoints();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
