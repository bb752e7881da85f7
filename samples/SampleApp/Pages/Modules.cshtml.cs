using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SampleApp.Pages;

public class ModulesModel : PageModel
{
    public void OnGet()
    {
    }
}
