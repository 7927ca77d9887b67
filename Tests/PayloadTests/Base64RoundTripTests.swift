import Testing
@testable import Payload

@Suite("Base64 encode")
struct Base64RoundTripTests {
    @Test("RFC 4648 §10 vectors and round trips")
    func vectors() {
        let cases = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in cases {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(Array(encoded.utf8)[...]) == Array(plain.utf8))
        }
        let bytes = (0..<256).map { UInt8($0) }
        #expect(Base64.decode(Array(Base64.encode(bytes).utf8)[...]) == bytes)
    }
}
