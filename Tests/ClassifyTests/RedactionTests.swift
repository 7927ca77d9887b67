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
}
