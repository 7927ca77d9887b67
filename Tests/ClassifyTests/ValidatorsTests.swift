import Testing
@testable import Classify

private func b(_ s: String) -> ArraySlice<UInt8> { Array(s.utf8)[...] }

@Suite("Validators")
struct ValidatorsTests {
    @Test("e-mail: whole value and inside text or percent-encoded URLs; role addresses")
    func email() {
        for ok in ["jane.doe@example.com", "a+shop@gmail.com", "O'Neil@x.co.uk", "x_y-z@sub.domain.org"] { #expect(Validators.isEmail(b(ok)), "\(ok)") }
        for bad in ["jane@", "@x.com", "a@b", "a@b.c", "a b@c.com", "a@-x.com", "a..b@x.com@y", "a@x..com", ".a@x.com"] {
            #expect(!Validators.isEmail(b(bad)), "\(bad)")
        }
        #expect(Validators.findEmail(b("Please send the invoice to ab.cd@ef.org thanks")) != nil)
        #expect(Validators.findEmail(b("https://x.fr/c?email=jo%40mail.it&s=2")) != nil)
        #expect(Validators.findEmail(b("no address @ here")) == nil)
        #expect(Validators.isRoleLocalPart(b("noreply")) && Validators.isRoleLocalPart(b("Support")))
        #expect(!Validators.isRoleLocalPart(b("jane")))
    }

    @Test("internationalised addresses as whole values, not inside text; iOS app agents")
    func unicodeEmailAndAgents() {
        #expect(Validators.isEmail(b("josé@exämple.de")))
        #expect(!Validators.isEmail(b("josé@exämple.dé")))    // the TLD stays ASCII letters
        #expect(Validators.findEmail(b("contact jane@doe.org的")) == nil || Validators.findEmail(b("contact jane@doe.org的"))!.domain.allSatisfy { $0 < 0x80 })
        #expect(Validators.isUserAgent(b("MyApp/1.2 CFNetwork/1402.0.8 Darwin/22.2.0")))
        #expect(!Validators.isUserAgent(b("okhttp/4.9.3")))
    }

    @Test("hashes: hex and base64 lengths give the digest")
    func hashes() {
        #expect(Validators.hashKind(b(String(repeating: "ab", count: 32))) == .sha256)
        #expect(Validators.hashKind(b(String(repeating: "AB", count: 32))) == .sha256)
        #expect(Validators.hashKind(b(String(repeating: "0f", count: 20))) == .sha1)
        #expect(Validators.hashKind(b(String(repeating: "9e", count: 16))) == .md5)
        #expect(Validators.hashKind(b("n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=")) == .sha256)   // base64 of 32 bytes
        #expect(Validators.hashKind(b(String(repeating: "ab", count: 31))) == nil)
        #expect(Validators.hashKind(b("zz" + String(repeating: "ab", count: 31))) == nil)
    }

    @Test("postal codes by their country's written shape")
    func postalShapes() {
        for ok in ["9908 UP", "9147MW", "M21 7JP", "B73 3HY", "SW1A 1AA", "L16 4NE", "M1 1AA", "K1A 0B1", "581-8813", "20535-167"] {
            #expect(Validators.isPostalCodeShape(b(ok)), "\(ok)")
        }
        for bad in ["0908 UP", "9908 U", "12345", "ABC 123", "2024-07", "123-45678", "SKU-1042", "M21 7J", "M21  7JP", "M 7JP"] {
            #expect(!Validators.isPostalCodeShape(b(bad)), "\(bad)")
        }
    }

    @Test("UUIDs, upper-case (IDFA style) told apart")
    func uuid() {
        #expect(Validators.uuid(b("3E9026D6-44EE-4F82-BC02-C6D7C0EDA456")) == (true, true))
        #expect(Validators.uuid(b("cb9c635f-07ad-48fa-9052-6f9d5cd7a6c0")) == (true, false))
        #expect(!Validators.uuid(b("cb9c635f07ad-48fa-9052-6f9d5cd7a6c0x")).valid)
        #expect(!Validators.uuid(b("gb9c635f-07ad-48fa-9052-6f9d5cd7a6c0")).valid)
    }

    @Test("IPv4, IPv6, public vs private; versions are not addresses")
    func ip() {
        #expect(Validators.ipv4(b("90.178.30.235")) != nil)
        #expect(Validators.ipv4(b("205.41.77.0")) != nil)
        for bad in ["10.0.19045.3803", "256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "a.b.c.d"] { #expect(Validators.ipv4(b(bad)) == nil, "\(bad)") }
        #expect(Validators.isNonPublicIPv4(Validators.ipv4(b("192.168.1.20"))!))
        #expect(Validators.isNonPublicIPv4(Validators.ipv4(b("100.64.0.1"))!))
        #expect(!Validators.isNonPublicIPv4(Validators.ipv4(b("8.8.8.8"))!))
        #expect(Validators.ipv6(b("2001:db8::1")) && Validators.ipv6(b("e90b:e359:a94d:f76d:bc34:689:362a:da61")))
        #expect(!Validators.ipv6(b("12:30")) && !Validators.ipv6(b("2001:db8:::1")))
    }

    @Test("user agents: browser and SDK shapes")
    func userAgent() {
        #expect(Validators.isUserAgent(b("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36")))
        #expect(Validators.isUserAgent(b("Opera/9.80 (X11; Linux x86_64) Presto/2.12.388 Version/12.16")))
        #expect(Validators.isUserAgent(b("okhttp/4.9.2 (Android 13; Pixel 7)")))
        #expect(!Validators.isUserAgent(b("analytics")) && !Validators.isUserAgent(b("1.2.3/4 no parens")))
    }

    @Test("cards: Luhn over grouped digits")
    func cards() {
        for ok in ["4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005"] {
            let d = Validators.cardDigits(b(ok))
            #expect(d != nil && Validators.luhn(d!.digits), "\(ok)")
        }
        #expect(!Validators.luhn(Validators.cardDigits(b("4111 1111 1111 1112"))!.digits))
        #expect(Validators.cardDigits(b("4111  1111 1111 1111")) == nil)   // double separator
        #expect(Validators.cardDigits(b("12345")) == nil)
    }

    @Test("card brands: issuer prefix and length")
    func brands() {
        func d(_ s: String) -> [UInt8] { s.utf8.map { $0 - 48 } }
        for ok in ["4111111111111111", "5500000000000004", "2221000000000009", "378282246310005", "6011111111111117",
                   "3530111333300000", "30569309025904"] { #expect(Validators.cardBrandFits(d(ok)), "\(ok)") }
        for bad in ["411111111111111", "5600000000000000", "6270123124471970", "9111111111111111", "37000000000000"] {
            #expect(!Validators.cardBrandFits(d(bad)), "\(bad)")
        }
    }

    @Test("IBAN: country length and mod 97")
    func iban() {
        #expect(Validators.isIBAN(b("GB82WEST12345698765432")))
        #expect(Validators.isIBAN(b("DE89 3704 0044 0532 0130 00")))
        #expect(Validators.isIBAN(b("DE89-3704-0044-0532-0130-00")))
        #expect(!Validators.isIBAN(b("GB82WEST12345698765433")))     // checksum
        #expect(!Validators.isIBAN(b("DE8937040044053201300")))      // length for DE is 22
        #expect(!Validators.isIBAN(b("XX82WEST12345698765432")))     // unknown country
    }

    @Test("dates in common orders; times and impossible dates refused")
    func dates() {
        #expect(Validators.date(b("1972-05-23"))! == (1972, 5, 23))
        #expect(Validators.date(b("03.12.1944"))! == (1944, 12, 3))
        #expect(Validators.date(b("11/22/2005"))! == (2005, 11, 22))
        #expect(Validators.date(b("19640925"))! == (1964, 9, 25))
        for bad in ["2024-13-01", "2024-07-14T13:34:16Z", "1234567", "32/13/2000", "99999999"] { #expect(Validators.date(b(bad)) == nil, "\(bad)") }
        // With the month's name, in seven languages, in either order; ordinal days.
        let named: [(String, (Int, Int, Int))] = [
            ("12 March 1980", (1980, 3, 12)), ("March 12, 1980", (1980, 3, 12)), ("12. März 1980", (1980, 3, 12)),
            ("12 de marzo de 1980", (1980, 3, 12)), ("3 févr. 1975", (1975, 2, 3)), ("1er janvier 1960", (1960, 1, 1)),
            ("Dec 25th 1999", (1999, 12, 25)), ("7 maart 2001", (2001, 3, 7)), ("15 agosto 1988", (1988, 8, 15)),
        ]
        for (text, want) in named { #expect(Validators.date(b(text)).map { $0 == want } == true, "\(text)") }
        for bad in ["Order 12345 shipped", "March 2024", "12 Marx 1980", "jane.doe1980@mail.com", "12 March 1980 10:00"] {
            #expect(Validators.date(b(bad)) == nil, "\(bad)")
        }
        // In a field that names a birth date: midnight timestamps and two-digit years.
        for ok in ["1980-01-01T00:00:00Z", "1980-01-01T00:00:00.000+00:00", "1980-01-01 00:00:00", "01/02/80", "31.12.79"] {
            #expect(Validators.birthDateOnly(b(ok)), "\(ok)")
        }
        for bad in ["1980-01-01T13:45:00Z", "13/13/80", "1980-01-01Tx", "12345678"] { #expect(!Validators.birthDateOnly(b(bad)), "\(bad)") }
    }

    @Test("coordinates: pairs, geo: URIs, ranges")
    func geo() {
        #expect(Validators.isCoordinatePair(b("52.055229, 5.226089")) && Validators.isCoordinatePair(b("geo:-22.94841,-53.12585")))
        #expect(!Validators.isCoordinatePair(b("95.1,10.2")) && !Validators.isCoordinatePair(b("1,2")))
        #expect(Validators.isCoordinate(b("-38.789398")) && !Validators.isCoordinate(b("4.3")) && !Validators.isCoordinate(b("190.123")))
    }
}
