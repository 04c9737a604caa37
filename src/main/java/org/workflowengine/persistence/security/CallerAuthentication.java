package org.workflowengine.persistence.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic (RFC 7617) as a Jakarta Security authentication mechanism, strict where the stock one
 * is lenient: the credentials must be Base64 of UTF-8, the password is everything after the first
 * colon (it may hold colons), and a malformed header is a refusal, never a server error.
 *
 * <p>It only establishes who the caller is: valid credentials log the caller in for this request;
 * anything else leaves the caller anonymous and records why in the request attribute {@value
 * #REFUSAL}. Which operations need which role is decided by the REST layer, which answers 401 or
 * 403 as problem+json. Basic sends the password in every request: run the service behind TLS.
 */
@ApplicationScoped
public class BasicAuthentication implements HttpAuthenticationMechanism {

  /** The realm named in {@code WWW-Authenticate}. */
  public static final String REALM = "workflow-executions";

  /** Request attribute: why the credentials that came with the request were not accepted. */
  public static final String REFUSAL = BasicAuthentication.class.getName() + ".refusal";

  private static final String SCHEME = "Basic";

  @Inject IdentityStoreHandler identityStores;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String authorization = request.getHeader("Authorization");
    if (authorization == null) {
      return context.doNothing();
    }
    Optional<UsernamePasswordCredential> credential = credential(authorization);
    if (credential.isEmpty()) {
      request.setAttribute(REFUSAL, "The Authorization header is not valid HTTP Basic credentials");
      return context.doNothing();
    }
    CredentialValidationResult result = identityStores.validate(credential.get());
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      request.setAttribute(REFUSAL, "The user name or password was not accepted");
      return context.doNothing();
    }
    return context.notifyContainerAboutLogin(result);
  }

  /** The user name and password of a {@code Basic} header, or empty if it is anything else. */
  static Optional<UsernamePasswordCredential> credential(String authorization) {
    int space = authorization.indexOf(' ');
    if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase(SCHEME)) {
      return Optional.empty();
    }
    String decoded;
    try {
      byte[] bytes = Base64.getDecoder().decode(authorization.substring(space + 1).strip());
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || colon == decoded.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(
        new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
  }
}
