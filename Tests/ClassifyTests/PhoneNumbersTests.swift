import Testing
@testable import Classify

private func b(_ s: String) -> ArraySlice<UInt8> { Array(s.utf8)[...] }

@Suite("PhoneNumbers")
struct PhoneNumbersTests {
    @Test("international numbers checked against country code and national length")
    func international() {
        for ok in ["+33 7 56 22 10 47", "+44(0)151 496 0293", "+31(0)216-853708", "+1 (212) 555-0147", "+3935167249821", "+49 30 8087609",
                   "+1.212.555.0147"] {
            #expect(PhoneNumbers.isPhone(b(ok), lenient: false), "\(ok)")
        }
        for bad in ["+1 212 555 01", "+999 1234567", "+33 1 2", "+44 12345678901234"] { #expect(!PhoneNumbers.isPhone(b(bad), lenient: false), "\(bad)") }
    }

    @Test("national formats need grouping in strict mode; lenient takes plain digits")
    func national() {
        for ok in ["(0121) 4960423", "05 81 01 99 65", "090-3969-1351", "(210)347-0623x5048", "250.275.3365x28260", "45 4949-1735"] {
            #expect(PhoneNumbers.isPhone(b(ok), lenient: false), "\(ok)")
        }
        for bad in ["34849648492", "10.0.19045.3803", "847-5760276-6265336", "1440x900", "2024-07-14", "12 34"] {
            #expect(!PhoneNumbers.isPhone(b(bad), lenient: false), "\(bad)")
        }
        #expect(PhoneNumbers.isPhone(b("34849648492"), lenient: true))
        #expect(!PhoneNumbers.isPhone(b("000000000"), lenient: true))
    }

    @Test("a dash after parentheses, the 00 international prefix, ungrouped numbers behind a trunk 0")
    func moreNationalForms() {
        for ok in ["(0431)-188288", "(004)-2870352", "001-203-762-4488x7918", "0044 151 496 0293", "0695378288",
                   "057894312", "08486624956", "070-8983-9958"] {
            #expect(PhoneNumbers.isPhone(b(ok), lenient: false), "\(ok)")
        }
        // Order ids, timestamps and zero-padded counters start otherwise: not phones without a telling name.
        for bad in ["7698866728", "1712045012", "452459433", "0000123456", "0012345", "0111111111", "(0431)--188288"] {
            #expect(!PhoneNumbers.isPhone(b(bad), lenient: false), "\(bad)")
        }
        // The name says phone: an international number off its country's plan by a digit still counts.
        #expect(PhoneNumbers.isPhone(b("+31(0)08 6525537"), lenient: true))
        #expect(!PhoneNumbers.isPhone(b("+31(0)08 6525537"), lenient: false))
    }

    @Test("international numbers without +: table countries with exact lengths only")
    func withoutPlus() {
        #expect(PhoneNumbers.isInternationalWithoutPlus(b("34849648492")))     // +34 849 648 492
        #expect(PhoneNumbers.isInternationalWithoutPlus(b("441184960360")))    // +44 118 496 0360
        #expect(!PhoneNumbers.isInternationalWithoutPlus(b("1730710183469")))  // epoch milliseconds
        #expect(!PhoneNumbers.isInternationalWithoutPlus(b("60676785837372"))) // 14 digits
        #expect(!PhoneNumbers.isInternationalWithoutPlus(b("02444011728")))    // national trunk prefix
    }

    @Test("phone numbers inside free text")
    func inText() {
        #expect(PhoneNumbers.containsPhone(b("call me back on (01412) 21940 pls")))
        #expect(PhoneNumbers.containsPhone(b("Leave at door. Tel +49(0) 226252256")))
        #expect(!PhoneNumbers.containsPhone(b("Free shipping over 92 USD")))
        #expect(!PhoneNumbers.containsPhone(b("order 2024-07-14 delivered")))
    }
}
