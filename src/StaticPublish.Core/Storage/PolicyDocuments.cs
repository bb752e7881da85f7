using System.Text.Json;
using System.Text.Json.Nodes;

namespace StaticPublish.Core.Storage;

/// <summary>Builds and compares S3 bucket policy documents.</summary>
internal static class PolicyDocuments
{
    /// <summary>The Sid that marks the public-read statement StaticPublish manages, so it can be found again.</summary>
    public const string PublicReadSid = "StaticPublishPublicRead";

    public static bool IsJsonObject(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }

        try
        {
            return JsonNode.Parse(json) is JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A policy that lets anyone GET objects in the bucket, or under a prefix of it.</summary>
    public static string PublicRead(string bucket, string? prefix)
    {
        var resourcePath = string.IsNullOrEmpty(prefix?.Trim('/')) ? "*" : prefix.Trim('/') + "/*";
        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray
            {
                new JsonObject
                {
                    ["Sid"] = PublicReadSid,
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["AWS"] = new JsonArray("*") },
                    ["Action"] = new JsonArray("s3:GetObject"),
                    ["Resource"] = new JsonArray($"arn:aws:s3:::{bucket}/{resourcePath}"),
                },
            },
        };
        return policy.ToJsonString();
    }

    /// <summary>Whether a policy is exactly one StaticPublish public-read statement.</summary>
    public static bool IsManagedPublicRead(string? json)
    {
        if (!IsJsonObject(json))
        {
            return false;
        }

        var statements = JsonNode.Parse(json!)?["Statement"] as JsonArray;
        return statements is { Count: 1 } && statements[0]?["Sid"]?.GetValue<string>() == PublicReadSid;
    }

    /// <summary>Whether two policies are the same JSON, ignoring whitespace and key order.</summary>
    public static bool AreEquivalent(string? left, string? right)
    {
        if (!IsJsonObject(left) || !IsJsonObject(right))
        {
            return false;
        }

        return JsonNode.DeepEquals(Normalize(JsonNode.Parse(left!)), Normalize(JsonNode.Parse(right!)));
    }

    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Normalize)]),
        _ => node?.DeepClone(),
    };
}
