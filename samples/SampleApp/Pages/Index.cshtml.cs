using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SampleApp.Pages;

public class IndexModel : PageModel
{
    public void OnGet()
    {

    }
}
