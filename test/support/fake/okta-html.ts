// The HTML pages Okta serves to a browser: the SAML auto-POST form, the sign-in page and 404.

/** Okta (ESAPI) encodes every non-alphanumeric character in attributes: `https&#x3a;&#x2f;&#x2f;…`. */
export const escapeAttr = (value: string): string => value.replace(/[^A-Za-z0-9,.\-_]/g, (ch) => `&#x${ch.charCodeAt(0).toString(16)};`)

/** Okta writes JS string literals with \xHH escapes, e.g. `'\x2Fhome\x2Famazon_aws'`. */
const escapeJs = (value: string): string =>
  value.replace(/[^A-Za-z0-9_ .]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)

/** The app embed link's answer, laid out like fx okta-docs/embed-link-saml-sso-response.http. */
export function awsSamlForm(action: string, samlResponse: string, relayState: string): string {
  return `<html>
<body>
    <div>
        <form id="appForm" action="${escapeAttr(action)}" method="POST">
            <input name="SAMLResponse" type="hidden" value="${samlResponse}"/>
            <input name="RelayState" type="hidden" value="${escapeAttr(relayState)}"/>
        </form>

        <script type="text/javascript">

          $(function(){
            document.getElementById('appForm').submit();
          });
      </script>
  </div>
</body>
</html>
`
}

/** A non-AWS app's form, laid out like fx gimme-aws-creds/classic-okta-saml-form-non-aws.html (URL-encoded value). */
export function otherSamlForm(action: string, samlResponseBase64: string): string {
  return `
        <html lang="en">

        <body>
          <form id="appForm" action="${escapeAttr(action)}" method="POST">
            <input name="SAMLResponse" type="hidden" value="${encodeURIComponent(samlResponseBase64)}"
            />
            <input name="RelayState" type="hidden" value="" />
          </form>
        </body>

        </html>`
}

/** What an unauthenticated browser gets: the sign-in widget shell, with no SAMLResponse and no stateToken. */
export function signInPage(oktaUrl: string, fromUri: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="robots" content="noindex,nofollow">
    <title>Example Org - Sign In</title>
</head>
<body class="auth okta-container">
    <div id="okta-sign-in" class="auth-container main-container"></div>
    <script type="text/javascript">
        var baseUrl = '${escapeJs(oktaUrl)}';
        var fromUri = '${escapeJs(fromUri)}';
        var repost = false;
    </script>
</body>
</html>
`
}

export const notFoundPage = (): string => `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <title>404 Page Not Found</title>
</head>
<body class="error-page">
    <div class="content">
        <h1>404 Page Not Found</h1>
        <p>The page you are looking for can't be found. Please check the URL for errors.</p>
        <a href="/">Go to Homepage</a>
    </div>
</body>
</html>
`
