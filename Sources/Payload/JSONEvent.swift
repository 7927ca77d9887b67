/// One token of a JSON text (RFC 8259). Keys and strings are unescaped UTF-8 text; numbers keep
/// their source spelling.
package enum JSONEvent: Equatable, Sendable {
    case objectStart
    case objectEnd
    case arrayStart
    case arrayEnd
    case key(String)
    case string(String)
    case number(String)
    case bool(Bool)
    case null
}
