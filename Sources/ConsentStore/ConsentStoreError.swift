/// The one error type of the ConsentStore module, with evidence: what was done, where, and what the
/// system or input said.
package struct ConsentStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    package enum Code: String, Sendable {
        case sqlite
        case io
        case socket
        case config
        case corruptRow = "corrupt_row"
    }

    package var code: Code
    /// What was attempted, e.g. `open /var/lib/consenttap/consent.db`.
    package var operation: String
    /// What the system said (SQLite message, `strerror`), or what was found.
    package var found: String

    package init(_ code: Code, _ operation: String, found: String) {
        self.code = code
        self.operation = operation
        self.found = found
    }

    package var description: String { "\(code.rawValue): \(operation): \(found)" }
}
