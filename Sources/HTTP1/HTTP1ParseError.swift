/// Why a message head could not be used: the anomaly name, where (offset into the head) and what
/// was expected versus found. The parser turns it into an anomaly and resynchronises.
package struct HTTP1ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable snake_case name, also used as the anomaly/counter name (`bare_lf_rejected`, ...).
    package var kind: String
    package var offset: Int
    package var expected: String
    package var found: String

    package init(kind: String, offset: Int, expected: String, found: String) {
        self.kind = kind
        self.offset = offset
        self.expected = expected
        self.found = found
    }

    package var description: String { "\(kind) at head byte \(offset): expected \(expected), found \(found)" }
}
