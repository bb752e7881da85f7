using System.Net;
using StaticPublish.Core.Storage;

namespace StaticPublish.Core.Tests.Units;

[TestClass]
public sealed class ExpectContinueTests
{
    [TestMethod]
    [DataRow(0L, false)]
    [DataRow(SmallBodyExpectHandler.ExpectContinueLimit, false)]
    [DataRow(SmallBodyExpectHandler.ExpectContinueLimit + 1, true)]
    public async Task A_body_up_to_the_limit_is_sent_without_waiting_for_100_Continue(long length, bool expected)
    {
        var inner = new Recording();
        using var invoker = new HttpMessageInvoker(new SmallBodyExpectHandler(inner));
        using var request = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1/bucket/key") { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentLength = length;
        request.Headers.ExpectContinue = true;

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.AreEqual(expected, inner.ExpectContinue);
    }

    [TestMethod]
    public async Task A_request_that_did_not_ask_for_100_Continue_is_left_alone()
    {
        var inner = new Recording();
        using var invoker = new HttpMessageInvoker(new SmallBodyExpectHandler(inner));
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/bucket/key");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.IsNull(inner.ExpectContinue);
    }

    private sealed class Recording : HttpMessageHandler
    {
        public bool? ExpectContinue { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ExpectContinue = request.Headers.ExpectContinue;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
