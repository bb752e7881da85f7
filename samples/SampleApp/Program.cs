var builder = WebApplication.CreateBuilder(args);

// Add services to the container.
builder.Services.AddRazorPages();

// StaticPublish: ~/ URLs in views resolve to the CDN URLs in staticpublish.manifest.json (written by
// dotnet publish -p:StaticPublishEnabled=true). Without a manifest, Development serves local files.
builder.Services.AddStaticPublish();
builder.Services.AddHealthChecks().AddStaticPublishHealthCheck();

var app = builder.Build();

// Configure the HTTP request pipeline.
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    // The default HSTS value is 30 days. You may want to change this for production scenarios, see https://aka.ms/aspnetcore-hsts.
    app.UseHsts();
}

app.UseHttpsRedirection();

app.UseRouting();

app.UseAuthorization();

app.MapStaticAssets();
app.MapHealthChecks("/healthz");
app.MapRazorPages()
   .WithStaticAssets();

app.Run();

// Lets WebApplicationFactory<Program> host this app in tests.
public partial class Program;
