import Testing
@testable import TLS

/// Known answers from RFC 8448 §3 ("Simple 1-RTT Handshake", TLS_AES_128_GCM_SHA256, x25519) and the
/// published TLS 1.2 PRF vector (SHA-256, "test label").
@Suite("Key derivation")
struct KeyDerivationTests {
    // RFC 8448 §3 intermediate values.
    static let ecdhe = hex("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d")
    static let earlySecret = hex("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a")
    static let derivedForHandshake = hex("6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba")
    static let handshakeSecret = hex("1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac")
    static let helloHash = hex("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8")
    static let clientHandshakeTraffic = hex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21")
    static let serverHandshakeTraffic = hex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38")
    static let derivedForMaster = hex("43de77e0c77713859a944db9db2590b53190a65b3ee2e4f12dd7a0bb7ce254b4")
    static let masterSecret = hex("18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919")
    static let serverFinishedHash = hex("9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13")
    static let clientApplicationTraffic = hex("9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5")
    static let serverApplicationTraffic = hex("a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643")

    @Test("RFC 8448: early, handshake and master secrets")
    func secretChain() {
        let early = KeyDerivation.hkdfExtract(.sha256, salt: [], ikm: [UInt8](repeating: 0, count: 32))
        #expect(early == Self.earlySecret)
        let emptyHash = KeyDerivation.digest(.sha256, [])
        let derived = KeyDerivation.deriveSecret(.sha256, secret: early, label: "derived", transcriptHash: emptyHash)
        #expect(derived == Self.derivedForHandshake)
        let handshake = KeyDerivation.hkdfExtract(.sha256, salt: derived, ikm: Self.ecdhe)
        #expect(handshake == Self.handshakeSecret)
        #expect(KeyDerivation.deriveSecret(.sha256, secret: handshake, label: "c hs traffic", transcriptHash: Self.helloHash)
            == Self.clientHandshakeTraffic)
        #expect(KeyDerivation.deriveSecret(.sha256, secret: handshake, label: "s hs traffic", transcriptHash: Self.helloHash)
            == Self.serverHandshakeTraffic)
        let derivedMaster = KeyDerivation.deriveSecret(.sha256, secret: handshake, label: "derived", transcriptHash: emptyHash)
        #expect(derivedMaster == Self.derivedForMaster)
        let master = KeyDerivation.hkdfExtract(.sha256, salt: derivedMaster, ikm: [UInt8](repeating: 0, count: 32))
        #expect(master == Self.masterSecret)
        #expect(KeyDerivation.deriveSecret(.sha256, secret: master, label: "c ap traffic", transcriptHash: Self.serverFinishedHash)
            == Self.clientApplicationTraffic)
        #expect(KeyDerivation.deriveSecret(.sha256, secret: master, label: "s ap traffic", transcriptHash: Self.serverFinishedHash)
            == Self.serverApplicationTraffic)
    }

    @Test("RFC 8448: traffic keys and IVs from traffic secrets")
    func trafficKeys() {
        func keyIV(_ secret: [UInt8]) -> ([UInt8], [UInt8]) {
            (KeyDerivation.hkdfExpandLabel(.sha256, secret: secret, label: "key", context: [], length: 16),
             KeyDerivation.hkdfExpandLabel(.sha256, secret: secret, label: "iv", context: [], length: 12))
        }
        let serverHandshake = keyIV(Self.serverHandshakeTraffic)
        #expect(serverHandshake.0 == hex("3fce516009c21727d0f2e4e86ee403bc"))
        #expect(serverHandshake.1 == hex("5d313eb2671276ee13000b30"))
        let clientHandshake = keyIV(Self.clientHandshakeTraffic)
        #expect(clientHandshake.0 == hex("dbfaa693d1762c5b666af5d950258d01"))
        #expect(clientHandshake.1 == hex("5bd3c71b836e0b76bb73265f"))
        let serverApp = keyIV(Self.serverApplicationTraffic)
        #expect(serverApp.0 == hex("9f02283b6c9c07efc26bb9f2ac92e356"))
        #expect(serverApp.1 == hex("cf782b88dd83549aadf1e984"))
        let clientApp = keyIV(Self.clientApplicationTraffic)
        #expect(clientApp.0 == hex("17422dda596ed5d9acd890e3c63f5051"))
        #expect(clientApp.1 == hex("5b78923dee08579033e523d9"))
    }

    @Test("RFC 8448: server finished key")
    func finishedKey() {
        let key = KeyDerivation.hkdfExpandLabel(.sha256, secret: Self.serverHandshakeTraffic, label: "finished", context: [], length: 32)
        #expect(key == hex("008d3b66f816ea559f96b537e885c31fc068bf492c652f01f288a1d8cdc19fc8"))
    }

    @Test("TLS 1.2 PRF (SHA-256) published vector")
    func prf() {
        let out = KeyDerivation.tls12PRF(.sha256, secret: hex("9bbe436ba940f017b17652849a71db35"), label: "test label",
                                         seed: hex("a0ba9f936cda311827a6f796ffd5198c"), length: 100)
        #expect(out == hex("""
            e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af
            0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701
            87347b66
            """))
    }

    @Test("HMAC with each hash, short keys and keys longer than a block (RFC 2202, RFC 4231)", arguments: [
        (TLSHash.sha1, "Jefe", 0, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
        (TLSHash.sha256, "Jefe", 0, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (TLSHash.sha384, "Jefe", 0,
         "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"),
        (TLSHash.sha1, "", 80, "aa4ae5e15272d00e95705637ce8a3b55ed402112"),
        (TLSHash.sha256, "", 131, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (TLSHash.sha384, "", 131,
         "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952"),
    ])
    func hmac(hash: TLSHash, key: String, repeatedAA: Int, expected: String) {
        // A text key with RFC 2202/4231 test 2's data, or `repeatedAA` bytes of 0xaa with test 6's (hashed first).
        let k = repeatedAA > 0 ? [UInt8](repeating: 0xAA, count: repeatedAA) : Array(key.utf8)
        let data = repeatedAA > 0 ? "Test Using Larger Than Block-Size Key - Hash Key First" : "what do ya want for nothing?"
        #expect(KeyDerivation.hmac(hash, key: k, data: Array(data.utf8)) == hex(expected))
    }

    @Test("HKDF (RFC 5869 test case 1)")
    func hkdf() {
        let prk = KeyDerivation.hkdfExtract(.sha256, salt: hex("000102030405060708090a0b0c"), ikm: [UInt8](repeating: 0x0b, count: 22))
        #expect(prk == hex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"))
        let okm = KeyDerivation.hkdfExpand(.sha256, prk: prk, info: hex("f0f1f2f3f4f5f6f7f8f9"), length: 42)
        #expect(okm == hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"))
    }
}
