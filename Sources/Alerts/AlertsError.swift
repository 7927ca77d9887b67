/// The one error type of the Alerts module, with evidence: what was attempted and what was found.
package struct AlertsError: Error, Equatable, Sendable, CustomStringConvertible {
    package enum Code: String, Sendable {
        /// A `--alert` spec that does not parse.
        case badSpec = "bad_spec"
        /// A file or syslog sink could not be opened or written.
        case io
        /// The webhook gave up after its last attempt.
        case webhookGaveUp = "webhook_gave_up"
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code.rawValue): \(message)" }
}
