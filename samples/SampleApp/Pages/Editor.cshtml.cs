using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SampleApp.Pages;

public class EditorModel(IWebHostEnvironment environment) : PageModel
{
    // build/sample-libs.sh installs TinyMCE; it is not committed.
    public bool TinyMceInstalled { get; } = environment.WebRootFileProvider.GetFileInfo("lib/tinymce/tinymce.min.js").Exists;

    public void OnGet()
    {
    }
}
