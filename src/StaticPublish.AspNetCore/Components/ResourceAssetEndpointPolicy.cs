using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace StaticPublish.AspNetCore.Components;

/// <summary>
/// Swaps each matched endpoint that carries a <see cref="ResourceAssetCollection"/> for its <see cref="ResourceAssetSwap"/>
/// clone, after every other policy has chosen: that is how <c>AddStaticPublish()</c> alone reaches endpoints that
/// <c>WithStaticAssets()</c> (which <c>MapRazorComponents</c> calls itself) has already built.
/// </summary>
internal sealed class ResourceAssetEndpointPolicy(ResourceAssetSwap swap) : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => int.MaxValue - 100;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return swap.IsEnabled && endpoints.Any(e => e is RouteEndpoint && e.Metadata.GetMetadata<ResourceAssetCollection>() is not null);
    }

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i)
                && candidates[i].Endpoint is RouteEndpoint endpoint
                && endpoint.Metadata.GetMetadata<ResourceAssetCollection>() is { } collection)
            {
                candidates.ReplaceEndpoint(i, swap.For(endpoint, collection), candidates[i].Values);
            }
        }

        return Task.CompletedTask;
    }
}
