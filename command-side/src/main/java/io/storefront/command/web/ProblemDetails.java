package io.storefront.command.web;

import io.storefront.command.BusinessRuleViolation;
import io.storefront.command.Conflict;
import io.storefront.command.NotYours;
import io.storefront.command.WebhookRefused;
import io.storefront.command.payment.PaymentGateway;
import io.storefront.command.TooSoon;
import io.storefront.command.auth.AuthenticationRefused;
import jakarta.validation.ConstraintViolation;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every refusal into an RFC 9457 problem: a stable {@code type}, a title, the reason, and for
 * malformed input the list of bad fields. Nothing of the server's internals reaches the client.
 */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

    record FieldError(String field, String message) {
    }

    @ExceptionHandler(JSR303ViolationException.class)
    ProblemDetail invalidCommand(JSR303ViolationException e) {
        return invalid(e.getViolations().stream()
                .map(ProblemDetails::fieldError)
                .sorted(Comparator.comparing(FieldError::field))
                .toList());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return invalid(List.of(new FieldError(e.getName(), "has the wrong format")));
    }

    @ExceptionHandler(ExpectedVersion.Malformed.class)
    ProblemDetail badVersion(ExpectedVersion.Malformed e) {
        return invalid(List.of(new FieldError(ExpectedVersion.HEADER, e.getMessage())));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "Nothing exists with id " + e.getAggregateIdentifier());
    }

    /** The id names something of another kind (a user's id as a product's): its events build no such aggregate. */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ProblemDetail otherKind(IncompatibleAggregateException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "Nothing of this kind exists with this id");
    }

    @ExceptionHandler(NotYours.class)
    ProblemDetail notYours(NotYours e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "Nothing exists with id " + e.id());
    }

    @ExceptionHandler(AuthenticationRefused.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationRefused e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", e.getMessage()));
    }

    /** Sessions and login throttling live in Redis: without it nobody logs in, and the log says why. */
    @ExceptionHandler({RedisConnectionFailureException.class, RedisSystemException.class})
    ResponseEntity<ProblemDetail> redisDown(RuntimeException e) {
        log.error("Redis is unreachable, so logins and sessions are unavailable: {}", e.getMessage());
        return unavailable(5, "unavailable", "Service unavailable",
                "Logins are unavailable for a moment; try again shortly");
    }

    /** Verification codes and operators' resends go through the broker: without it they wait, nothing half done. */
    @ExceptionHandler(AmqpException.class)
    ResponseEntity<ProblemDetail> brokerDown(AmqpException e) {
        log.error("RabbitMQ is unreachable, so messages to customers cannot be queued: {}", e.getMessage());
        return unavailable(30, "unavailable", "Service unavailable",
                "Messages cannot be sent for a moment; try again shortly");
    }

    /**
     * The database away (no connection to be had, or one lost, the rollback of its transaction then failing
     * too): the command was not recorded, since its events and its checks commit in one transaction, and the
     * same command succeeds once the database is back.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransientDataAccessException.class, TransactionSystemException.class})
    ResponseEntity<ProblemDetail> storeAway(RuntimeException e) {
        log.error("The database is unreachable, so commands cannot be recorded: {}", e.getMessage());
        return unavailable(5, "store-unavailable", "Store unavailable",
                "The command cannot be recorded at the moment; try again shortly");
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict e) {
        return problem(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage());
    }

    @ExceptionHandler({ConflictingModificationException.class, ConcurrencyException.class,
            AggregateStreamCreationException.class})
    ProblemDetail concurrentModification(RuntimeException e) {
        log.info("Refused a concurrent modification: {}", e.getMessage());
        return problem(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                "Somebody else changed this first; read it again and retry");
    }

    @ExceptionHandler(BusinessRuleViolation.class)
    ProblemDetail refused(BusinessRuleViolation e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "business-rule", "Refused", e.getMessage());
    }

    @ExceptionHandler(WebhookRefused.class)
    ProblemDetail webhookRefused(WebhookRefused e) {
        log.warn("Refused a webhook: {}", e.getMessage());
        return problem(HttpStatus.UNAUTHORIZED, "webhook-signature", "Unverified webhook", e.getMessage());
    }

    @ExceptionHandler(PaymentGateway.ProviderUnavailable.class)
    ResponseEntity<ProblemDetail> providerUnavailable(PaymentGateway.ProviderUnavailable e) {
        log.warn("{}", e.getMessage());
        return unavailable(30, "provider-unavailable", "Payment provider unavailable",
                "The payment provider does not answer; try again shortly");
    }

    @ExceptionHandler(TooSoon.class)
    ResponseEntity<ProblemDetail> tooSoon(TooSoon e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "too-soon", "Too many requests", e.getMessage()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldError(
                        result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return ResponseEntity.badRequest().body(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "The request body is not valid JSON of the expected shape");
        if (e.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            problem.setProperty("errors", List.of(new FieldError(path(databind), "has the wrong type or format")));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    private static ProblemDetail invalid(List<FieldError> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                errors.stream().map(error -> error.field() + " " + error.message())
                        .collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return problem;
    }

    private static FieldError fieldError(ConstraintViolation<?> violation) {
        return new FieldError(violation.getPropertyPath().toString(), violation.getMessage());
    }

    private static String path(DatabindException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** A 503 problem saying when to try again: what is away comes back by itself. */
    private static ResponseEntity<ProblemDetail> unavailable(int retryAfterSeconds, String type, String title, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, type, title, detail));
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:storefront:problem:" + type));
        problem.setTitle(title);
        return problem;
    }
}
