#!/usr/bin/env bash
# The main job on an embedded default: start a local S3 server, publish the sample app's static assets to it with
# `dotnet publish -p:StaticPublishEnabled=true`, then show the summary, some manifest entries and what landed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bucket=${STATICPUBLISH_DEMO_BUCKET:-staticpublish-demo}
out="$root/artifacts/demo/publish"

echo "==> Starting the local S3 server (Ceph RADOS Gateway; the first run installs it, about 30 s)"
while IFS='=' read -r name value; do
  [[ $name == STATICPUBLISH_TEST_S3_* ]] && export "$name=$value"
done < <(bash build/local-s3.sh start)
endpoint=$STATICPUBLISH_TEST_S3_ENDPOINT
# Credentials reach StaticPublish the way they do in CI: through the AWS SDK's environment variables.
export AWS_ACCESS_KEY_ID=$STATICPUBLISH_TEST_S3_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$STATICPUBLISH_TEST_S3_SECRET_KEY AWS_REGION=us-east-1

sigv4() {
  curl -sS --fail-with-body --aws-sigv4 "aws:amz:us-east-1:s3" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \
    -H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" "$@"
}
if ! sigv4 -o /dev/null -I "$endpoint/$bucket" 2>/dev/null; then
  echo "==> Creating bucket '$bucket'"
  sigv4 -o /dev/null -X PUT "$endpoint/$bucket"
fi

echo "==> dotnet publish samples/SampleApp -p:StaticPublishEnabled=true (bucket '$bucket', prefix 'static')"
rm -rf "$out"
dotnet publish samples/SampleApp -c Release -o "$out" -v:m \
  -p:StaticPublishEnabled=true \
  -p:StaticPublishBucket="$bucket" \
  -p:StaticPublishPrefix=static \
  -p:StaticPublishEndpoint="$endpoint" \
  -p:StaticPublishAcl=public-read

manifest="$out/staticpublish.manifest.json"
echo
echo "==> A few entries of $manifest"
grep -A 9 -E '^    "(css/fonts.css|img/hero banner.svg|_content/SampleComponents/components.css)"' "$manifest" | grep -v -- '^--$'

base=$(sed -n 's/^  "baseUrl": "\(.*\)",$/\1/p' "$manifest")
path=$(grep -A 3 '^    "css/fonts.css"' "$manifest" | sed -n 's/^      "path": "\(.*\)",$/\1/p')
echo
echo "==> What landed: an anonymous GET of css/fonts.css from the bucket (public-read ACL)"
echo "    curl -sI $base$path"
curl -sI "$base$path" | grep -iE '^(HTTP|content-type|content-encoding|cache-control|content-length)' | sed 's/^/    /'

cat <<TXT

Where to look:
  publish output   $out
  manifest         $manifest
  bucket listing   AWS_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY \\
                     aws --endpoint-url $endpoint s3 ls --recursive s3://$bucket/static/
  one object       aws --endpoint-url $endpoint s3api head-object --bucket $bucket --key static/$path
  run it again     bash build/demo.sh   (nothing changed: 0 uploaded)
  stop the server  bash build/local-s3.sh stop
TXT
