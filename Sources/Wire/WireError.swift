/// Why a byte view refused its bytes, with the evidence an auditor asks for.
///
/// `reason` is the stable code (the counter it increments); `offset` is where, inside the layer's
/// bytes, the check failed; `expected` and `found` are the numbers compared (a length, a version).
package struct WireError: Error, Equatable, Sendable, CustomStringConvertible {
    package var reason: WireCounter
    package var offset: Int
    package var expected: Int
    package var found: Int

    package init(_ reason: WireCounter, offset: Int, expected: Int, found: Int) {
        self.reason = reason
        self.offset = offset
        self.expected = expected
        self.found = found
    }

    package var description: String {
        "\(reason.name) at offset \(offset): expected \(expected), found \(found)"
    }
}
