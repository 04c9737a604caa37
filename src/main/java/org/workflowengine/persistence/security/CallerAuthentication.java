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
 * Who the caller is, from the {@code Authorization} header, as a Jakarta Security authentication
 * mechanism: HTTP Basic (RFC 7617) checked against the users file, or a bearer token (RFC 6750, a
 * JWT) checked as {@link BearerTokens} is configured. Basic is strict where the stock mechanism is
 * lenient: the credentials must be Base64 of UTF-8, the password is everything after the first
 * colon (it may hold colons), and a malformed header is a refusal, never a server error.
 *
 * <p>It only establishes who the caller is: valid credentials log the caller in for this request;
 * anything else leaves the caller anonymous and records why in the request attributes {@value
 * #REFUSAL} and {@value #REFUSED_SCHEME}. Which operations need which role is decided by the REST
 * layer, which answers 401 or 403 as problem+json. Basic sends the password in every request, a
 * token is as good as a password until it expires: run the service behind TLS.
 */
@ApplicationScoped
public class CallerAuthentication implements HttpAuthenticationMechanism {

  /** The realm named in {@code WWW-Authenticate}. */
  public static final String REALM = "workflow-executions";

  /** Request attribute: why the credentials that came with the request were not accepted. */
  public static final String REFUSAL = CallerAuthentication.class.getName() + ".refusal";

  /**
   * Request attribute: the scheme of the refused credentials, {@value #BASIC} or {@value #BEARER}.
   */
  public static final String REFUSED_SCHEME = CallerAuthentication.class.getName() + ".scheme";

  public static final String BASIC = "Basic";
  public static final String BEARER = "Bearer";

  @Inject IdentityStoreHandler identityStores;

  @Inject BearerTokens bearerTokens;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String authorization = request.getHeader("Authorization");
    if (authorization == null) {
      return context.doNothing();
    }
    Optional<String> token = bearerToken(authorization);
    if (token.isPresent()) {
      try {
        BearerTokenVerifier.Caller caller = bearerTokens.verify(token.get());
        return context.notifyContainerAboutLogin(caller.name(), caller.roles());
      } catch (BearerTokenVerifier.InvalidTokenException e) {
        request.setAttribute(REFUSAL, "The bearer token was not accepted: " + e.getMessage());
        request.setAttribute(REFUSED_SCHEME, BEARER);
        return context.doNothing();
      }
    }
    request.setAttribute(REFUSED_SCHEME, BASIC);
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

  /** The token of a {@code Bearer} header (the scheme in any case), or empty for anything else. */
  static Optional<String> bearerToken(String authorization) {
    int space = authorization.indexOf(' ');
    String scheme = space < 0 ? authorization : authorization.substring(0, space);
    if (!scheme.equalsIgnoreCase(BEARER)) {
      return Optional.empty();
    }
    return Optional.of(space < 0 ? "" : authorization.substring(space + 1).strip());
  }

  /** The user name and password of a {@code Basic} header, or empty if it is anything else. */
  static Optional<UsernamePasswordCredential> credential(String authorization) {
    int space = authorization.indexOf(' ');
    if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase(BASIC)) {
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
