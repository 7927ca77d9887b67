import Foundation
import Testing
import Payload
@testable import Classify

@Suite("Redaction")
struct RedactionTests {
    @Test("masks keep shape, never the value")
    func masks() {
        #expect(Redaction.mask("jane.doe@example.com", category: .email) == "j***@e***.com")
        #expect(Redaction.mask("+33 7 56 22 10 47", category: .phone) == "+33*******47")
        #expect(Redaction.mask("Jane Doe", category: .name_full) == "J*** D***")
        #expect(!Redaction.mask("Hartmannring 198", category: .street_address).contains("Hartmannring"))
    }

    @Test("keyed hash is HMAC-SHA256 (RFC 4231 test case 2)")
    func hmac() {
        #expect(Redaction.keyedHash("what do ya want for nothing?", key: Array("Jefe".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Redaction.keyedHash("a", key: [1]) != Redaction.keyedHash("a", key: [2]))
    }
}
