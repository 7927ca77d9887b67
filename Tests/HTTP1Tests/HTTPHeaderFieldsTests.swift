import Testing
@testable import HTTP1

@Suite("HTTPHeaderFields")
struct HTTPHeaderFieldsTests {
    @Test("fields keep their order, repeated names and empty values; reading decodes like String(decoding:)")
    func fields() {
        var h = HTTPHeaderFields()
        let invalid: [UInt8] = [0x76, 0xFF, 0x77]  // "v", an invalid byte, "w"
        Array("Cookie".utf8).withUnsafeBytes { name in
            Array("a=1".utf8).withUnsafeBytes { h.append(name: name, value: $0) }
            invalid.withUnsafeBytes { h.append(name: name, value: $0) }
        }
        h.append(name: "X-Empty", value: "")
        h.append(name: "", value: "no name")
        #expect(h.count == 4)
        #expect(Array(h) == [HTTPHeaderField(name: "Cookie", value: "a=1"),
                             HTTPHeaderField(name: "Cookie", value: String(decoding: invalid, as: UTF8.self)),
                             HTTPHeaderField(name: "X-Empty", value: ""), HTTPHeaderField(name: "", value: "no name")])
        // The raw bytes stay available as sent.
        #expect(h.withBytes(1) { Array($1) } == invalid)
        #expect(h.withBytes(3) { $0.isEmpty && Array($1) == Array("no name".utf8) })
        #expect(HTTPHeaderFields(Array(h)).count == 4)
        #expect(HTTPHeaderFields().isEmpty)
        // forEachBytes lends the same bytes as withBytes, in order.
        var walked: [[UInt8]] = []
        h.forEachBytes { name, value in walked.append(Array(name)); walked.append(Array(value)) }
        #expect(walked == (0..<h.count).flatMap { i in h.withBytes(i) { [Array($0), Array($1)] } })
        var none = 0
        HTTPHeaderFields().forEachBytes { _, _ in none += 1 }
        #expect(none == 0)
    }
}
