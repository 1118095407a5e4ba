"""moto's S3 server (``moto_server``), with presigned URLs checked the way S3 checks them.

Started by the ``s3`` fixture (conftest.py) as ``python -m tests.storage.moto_server -H 127.0.0.1 -p PORT``.

Once its ``INITIAL_NO_AUTH_ACTION_COUNT`` is reached, moto (5.2) checks the signature and the IAM policy of
every request signed in the ``Authorization`` header, and refuses anonymous reads of private objects. It does
not know the other form S3 accepts, the presigned URL (signature in the query string): such a request then
fails with a 500, and its expiry is never looked at. This launcher adds that form to moto's own IAM request:
the access key must be one moto's IAM knows, the signature is recomputed by botocore's presigned-URL signer
with that key's secret, ``X-Amz-Date + X-Amz-Expires`` must not have passed ("Request has expired"), and the
key's policy must allow the action, as for any other request.
"""

import sys
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

from botocore.auth import S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from moto.iam import access_control
from moto.s3.exceptions import S3AccessDeniedError, S3ClientError
from moto.server import main


class RequestExpired(S3AccessDeniedError):
    def __init__(self):
        S3ClientError.__init__(self, "AccessDenied", "Request has expired")


_moto_init = access_control.IAMRequestBase.__init__
_moto_check_signature = access_control.IAMRequestBase.check_signature


def _init(self, account_id, method, path, data, body, headers, action):
    query = dict(parse_qsl(urlsplit(path).query, keep_blank_values=True))
    self._presigned = None
    if "Authorization" not in headers and "X-Amz-Signature" in query:
        self._presigned = query
        # moto reads the key and the scope from an Authorization header: give it the query's.
        headers = dict(headers.items())
        headers["Authorization"] = (
            f"AWS4-HMAC-SHA256 Credential={query.get('X-Amz-Credential', '')}, "
            f"SignedHeaders={query.get('X-Amz-SignedHeaders', '')}, Signature={query['X-Amz-Signature']}"
        )
    elif "Authorization" not in headers:
        raise S3AccessDeniedError()  # anonymous: nothing in a private bucket
    _moto_init(self, account_id, method, path, data, body, headers, action)


def _check_signature(self):
    if self._presigned is None:
        return _moto_check_signature(self)
    query = self._presigned
    try:
        signed_at = datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        expires = int(query["X-Amz-Expires"])
    except (KeyError, ValueError):
        self._raise_signature_does_not_match()
    if datetime.now(UTC) > signed_at + timedelta(seconds=expires):
        raise RequestExpired()
    parts = urlsplit(self._path)
    # The canonical query string is the URL's own, less the signature, as the client signed it.
    unsigned = "&".join(p for p in parts.query.split("&") if not p.startswith("X-Amz-Signature="))
    host = self._headers.get("Host") or self._headers.get("host")
    url = f"http://{host}{parts.path}?{unsigned}"
    request = AWSRequest(method=self._method, url=url, headers={"host": host})
    request.context["timestamp"] = query["X-Amz-Date"]
    auth = S3SigV4QueryAuth(self._access_key.create_credentials(), self._service, self._region, expires)
    canonical = auth.canonical_request(request)
    signature = auth.signature(auth.string_to_sign(request, canonical), request)
    if signature != query["X-Amz-Signature"]:
        self._raise_signature_does_not_match()
    return None


access_control.IAMRequestBase.__init__ = _init
access_control.IAMRequestBase.check_signature = _check_signature

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
