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

    /// <summary>
    /// <paramref name="current"/> (or a new policy) with StaticPublish's public-read statement, which lets anyone GET
    /// objects in the bucket or under a prefix of it, added or replaced (found by its Sid); every
    /// other statement (deny rules, CloudFront OAC grants) is kept as it is.
    /// </summary>
    public static string WithPublicRead(string? current, string bucket, string? prefix)
    {
        var resourcePath = string.IsNullOrEmpty(prefix?.Trim('/')) ? "*" : prefix.Trim('/') + "/*";
        var policy = Parse(current);
        var statements = OtherStatements(policy);
        statements.Add((JsonNode)new JsonObject
        {
            ["Sid"] = PublicReadSid,
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = new JsonArray("*") },
            ["Action"] = new JsonArray("s3:GetObject"),
            ["Resource"] = new JsonArray($"arn:aws:s3:::{bucket}/{resourcePath}"),
        });
        policy["Statement"] = statements;
        return policy.ToJsonString();
    }

    /// <summary>
    /// <paramref name="current"/> without StaticPublish's public-read statement: null when nothing else is left (the
    /// policy can be deleted), else the other statements unchanged.
    /// </summary>
    public static string? WithoutPublicRead(string? current)
    {
        var policy = Parse(current);
        var statements = OtherStatements(policy);
        if (statements.Count == 0)
        {
            return null;
        }

        policy["Statement"] = statements;
        return policy.ToJsonString();
    }

    /// <summary>Whether a policy holds StaticPublish's public-read statement.</summary>
    public static bool HasPublicRead(string? current) =>
        IsJsonObject(current) && Statements(JsonNode.Parse(current!)!.AsObject()).Any(IsOurs);

    private static JsonObject Parse(string? json) =>
        IsJsonObject(json) ? JsonNode.Parse(json!)!.AsObject() : new JsonObject { ["Version"] = "2012-10-17" };

    /// <summary>The statements, whether the policy holds an array of them or a single one.</summary>
    private static List<JsonNode> Statements(JsonObject policy) => policy["Statement"] switch
    {
        JsonArray array => [.. array.OfType<JsonNode>()],
        JsonObject single => [single],
        _ => [],
    };

    private static JsonArray OtherStatements(JsonObject policy) =>
        [.. Statements(policy).Where(s => !IsOurs(s)).Select(s => s.DeepClone())];

    private static bool IsOurs(JsonNode statement) =>
        statement is JsonObject o && o["Sid"] is JsonValue sid && sid.TryGetValue<string>(out var value) && value == PublicReadSid;

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
