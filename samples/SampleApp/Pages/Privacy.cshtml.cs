using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SampleApp.Pages;

public class PrivacyModel : PageModel
{
    public void OnGet()
    {
    }
}

