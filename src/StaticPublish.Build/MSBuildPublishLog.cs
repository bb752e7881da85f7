using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using StaticPublish.Core.Publishing;

namespace StaticPublish.Build;

/// <summary>Reports the pipeline's warnings and progress as MSBuild messages, with their SPUB codes.</summary>
internal sealed class MSBuildPublishLog(TaskLoggingHelper log) : IPublishLog
{
    public void Warning(string code, string? file, string message) =>
        log.LogWarning(subcategory: null, warningCode: code, helpKeyword: null, file: file, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);

    public void Info(string message) => log.LogMessage(MessageImportance.Normal, "StaticPublish: {0}", message);

    public void Detail(string message) => log.LogMessage(MessageImportance.Low, "StaticPublish: {0}", message);

    public void Uploaded(string key, long bytes) => log.LogMessage(MessageImportance.Low, "StaticPublish: uploaded {0} ({1} bytes)", key, bytes);
}
