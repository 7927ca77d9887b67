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

    @Test("the ASCII fast path masks exactly like the general path")
    func asciiPathAgrees() {
        let values = ["jane.doe@example.com", "@example.com", "a@b", "x@host", "j@e.co.uk", "Jane", "Jane  Doe", "J",
                      "Jo", "Hartmannring 198", "+33 7 56 22 10 47", "fb.1.1709917414135.16934483", "US", "female",
                      "Mozilla/5.0 (X11; Linux x86_64)", String(repeating: "ab", count: 32), " padded ", "tab\there",
                      "Zoë Müller", "多田 太郎", "", "a@.b", "j@host.", "x.y@z", "A  B  C", "ab cd efg", "+1234", "+12345", "0033 (0)6-12 34", "tel:0612345678+", "abc"]
        for v in values {
            for c in PIICategory.allCases {
                #expect(Redaction.mask(v, category: c) == Redaction.maskText(v, category: c), "\(c)")
            }
        }
    }
}
