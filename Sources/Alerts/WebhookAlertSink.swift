import Foundation

/// POSTs each alert's JSON to a URL (`--alert webhook:URL`), signed and retried.
///
/// Header `X-ConsentTap-Signature: sha256=<hex HMAC-SHA-256 of the exact body with the secret>`
/// when a secret is configured (receivers should recompute it and compare in constant time).
/// A 2xx answer is delivered. A connection failure, 408, 429 or 5xx is retried with exponential
/// back-off: the delay before attempt n+1 is `initialDelay * multiplier^(n-1)`, capped at
/// `maxDelay`, for at most `maxAttempts` attempts in all. Any other status (400, 401, 404...) is
/// final at once: retrying would not help. On giving up it writes one clear line through `log`
/// (URL, attempts, last error; never the alert body) and throws `.webhookGaveUp`. `sleep` and
/// `log` are injected for tests; the defaults sleep the calling thread and write to stderr.
package final class WebhookAlertSink: AlertSink, @unchecked Sendable {
    package struct RetryPolicy: Equatable, Sendable {
        package var maxAttempts: Int
        package var initialDelay: Duration
        package var multiplier: Double
        package var maxDelay: Duration

        package init(maxAttempts: Int = 5, initialDelay: Duration = .milliseconds(500), multiplier: Double = 2,
                     maxDelay: Duration = .seconds(30)) {
            self.maxAttempts = max(1, maxAttempts)
            self.initialDelay = initialDelay
            self.multiplier = max(1, multiplier)
            self.maxDelay = maxDelay
        }

        /// The pause after failed attempt `attempt` (1-based).
        package func delay(after attempt: Int) -> Duration {
            var d = initialDelay
            for _ in 1..<max(1, attempt) {
                d = d * multiplier
                if d >= maxDelay { return maxDelay }
            }
            return min(d, maxDelay)
        }
    }

    package let url: WebhookURL
    package let retry: RetryPolicy
    package let timeoutMillis: Int
    package var name: String { "webhook:\(url)" }
    private let secret: [UInt8]?
    private let sleep: @Sendable (Duration) -> Void
    private let log: @Sendable (String) -> Void
    private let lock = NSLock()

    package init(url: WebhookURL, secret: String?, retry: RetryPolicy = RetryPolicy(), timeoutMillis: Int = 5_000,
                 sleep: @escaping @Sendable (Duration) -> Void = WebhookAlertSink.threadSleep,
                 log: @escaping @Sendable (String) -> Void = WebhookAlertSink.standardError) {
        self.url = url
        self.secret = secret.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        self.retry = retry
        self.timeoutMillis = timeoutMillis
        self.sleep = sleep
        self.log = log
    }

    /// `sha256=<hex>` for a body, as sent in `X-ConsentTap-Signature`.
    package static func signature(body: [UInt8], secret: String) -> String {
        "sha256=" + HMACSHA256.hex(key: Array(secret.utf8), message: body)
    }

    package func send(_ alert: Alert) throws(AlertsError) {
        let body = Array(alert.json.utf8)
        var headers = [("Content-Type", "application/json")]
        if let secret { headers.append(("X-ConsentTap-Signature", "sha256=" + HMACSHA256.hex(key: secret, message: body))) }
        lock.lock()
        defer { lock.unlock() }
        var lastError = ""
        for attempt in 1...retry.maxAttempts {
            let result: Result<Int, HTTPPoster.Failure>
            do throws(HTTPPoster.Failure) {
                result = .success(try HTTPPoster.post(url, headers: headers, body: body, timeoutMillis: timeoutMillis))
            } catch {
                result = .failure(error)
            }
            switch result {
            case .success(let status):
                if (200..<300).contains(status) { return }
                lastError = "HTTP \(status)"
                guard status == 408 || status == 429 || status >= 500 else {
                    return try giveUp(attempts: attempt, lastError: lastError + " (not retried)")
                }
            case .failure(.failed(let m)):
                lastError = m
            }
            if attempt < retry.maxAttempts { sleep(retry.delay(after: attempt)) }
        }
        try giveUp(attempts: retry.maxAttempts, lastError: lastError)
    }

    private func giveUp(attempts: Int, lastError: String) throws(AlertsError) {
        let message = "webhook \(url) gave up after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(lastError); alert dropped"
        log("consenttap: " + message)
        throw AlertsError(.webhookGaveUp, message)
    }

    package func flush() {}

    package static let threadSleep: @Sendable (Duration) -> Void = { d in
        let c = d.components
        var ts = timespec(tv_sec: Int(c.seconds), tv_nsec: Int(c.attoseconds / 1_000_000_000))
        var left = timespec()
        while nanosleep(&ts, &left) != 0 && errno == EINTR { ts = left }
    }

    package static let standardError: @Sendable (String) -> Void = { line in
        writeAll(fd: STDERR_FILENO, Array((line + "\n").utf8))
    }
}
