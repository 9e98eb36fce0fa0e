using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Shop.Web.Security;

namespace Shop.Web.Pages;

/// <summary>Admin login for callers off this machine: checks Admin:Username / Admin:Password and sets the admin cookie.</summary>
public sealed class LoginModel(IOptionsMonitor<AdminCredentials> credentials) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool LoginConfigured => credentials.CurrentValue.HasLogin;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!credentials.CurrentValue.IsValidLogin(Username, Password))
        {
            ModelState.AddModelError("", "Wrong username or password.");
            Password = null;
            return Page();
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, Username!), new Claim(ClaimTypes.Role, "admin")],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        // Only local paths: a login link must not bounce the admin to another site.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    public async Task<IActionResult> OnPostLogoutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage();
    }
}
