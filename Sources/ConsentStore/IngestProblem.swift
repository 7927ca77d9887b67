import Consent

/// A problem found while reading a consent source (file or HTTP body), with its 1-based line (or
/// array element) number. `error`: the record was refused. `warning`: it was used, something in
/// it was ignored. Messages never quote record values.
package struct IngestProblem: Equatable, Sendable, CustomStringConvertible {
    package enum Severity: String, Sendable { case warning, error }

    package var line: Int
    package var severity: Severity
    package var message: String

    package init(line: Int, severity: Severity, message: String) {
        self.line = line
        self.severity = severity
        self.message = message
    }

    init(_ p: FeedProblem) {
        self.init(line: p.line, severity: p.severity == .error ? .error : .warning, message: p.message)
    }

    package var description: String { "line \(line): \(severity.rawValue): \(message)" }
}
