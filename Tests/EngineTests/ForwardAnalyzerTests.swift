import Foundation
import Testing
@testable import Engine
import Capture
import Catalog
import Primitives
import TLS

/// Recipient recognition beyond the Host header: DNS-learnt names, unknown third parties, first-party
/// domains, and TLS connections whose payload is not visible.
@Suite("ForwardAnalyzer")
struct ForwardAnalyzerTests {
    static let key = Array("test-key".utf8)

    static func analyze(_ builder: PacketBuilder, firstParty: [String] = []) -> [ForwardRecord] {
        var options = AnalyzeOptions(catalog: CatalogParser.embedded(), hashKey: key)
        options.firstPartyDomains = firstParty
        let analyzer = ForwardAnalyzer(options: options)
        var run = HTTPRunOptions()
        run.retainedBodyBytes = 1 << 20
        run.learnHostsFromDNS = true
        var out: [ForwardRecord] = []
        var pipelineRef: HTTPPipeline?
        let pipeline = HTTPPipeline(options: run, onRequest: { r in
            if let f = analyzer.analyze(r, learnedHost: pipelineRef?.hosts.name(for: r.server.address)) { out.append(f) }
        })
        pipelineRef = pipeline
        for (time, bytes) in builder.packets {
            bytes.withUnsafeBytes {
                pipeline.process(CapturedPacket(timestamp: time, linkType: .ethernet, bytes: $0, originalLength: bytes.count,
                                                interfaceIndex: 0))
            }
        }
        pipeline.finish()
        return out
    }

    static func post(host: String, path: String, body: String) -> String {
        "POST \(path) HTTP/1.1\r\nHost: \(host)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    static let ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"

    @Test("a request to an address that DNS gave a tracker's name is a forward to that tracker")
    func dnsLearnt() throws {
        var b = PacketBuilder()
        // DNS answer: graph.facebook.com A 157.240.1.1 (see DNSMessageTests for the byte layout).
        let answer: [UInt8] = [0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
                               5] + Array("graph".utf8) + [8] + Array("facebook".utf8) + [3] + Array("com".utf8) + [0, 0, 1, 0, 1,
                               0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 157, 240, 1, 1]
        b.udp(from: ("10.0.0.53", 53), to: ("10.0.0.2", 40000), payload: answer)
        let body = #"{"data":[{"event_name":"Purchase","user_data":{"em":["a8cfcd74832004951b4408cdb0a5dbcd8c7e52d43f7fe244bf720582e05241da"]}}]}"#
        b.exchange(client: ("10.0.0.2", 40001), server: ("157.240.1.1", 80),
                   request: Self.post(host: "157.240.1.1", path: "/v19.0/123/events", body: body), response: Self.ok)
        let f = try #require(Self.analyze(b).first)
        #expect(f.vendor == "meta_capi")
        #expect(f.hostSource == "dns")
        #expect(f.host == "graph.facebook.com")
        #expect(f.personalData.first?.category == .email_sha256)
    }

    @Test("personal data to a host outside the catalog is a forward to 'unknown'; first-party hosts are not")
    func unknownAndFirstParty() {
        var b = PacketBuilder()
        b.exchange(client: ("10.0.0.2", 40010), server: ("203.0.113.9", 80),
                   request: Self.post(host: "collect.newtracker.example", path: "/e",
                                      body: #"{"user":{"email":"dana.example@example.org","plan":"pro"}}"#), response: Self.ok)
        b.exchange(client: ("10.0.0.2", 40011), server: ("203.0.113.10", 80),
                   request: Self.post(host: "api.shop.example", path: "/orders",
                                      body: #"{"customer":{"email":"dana.example@example.org"}}"#), response: Self.ok)
        b.exchange(client: ("10.0.0.2", 40012), server: ("203.0.113.11", 80),
                   request: "GET /status HTTP/1.1\r\nHost: status.thirdparty.example\r\nUser-Agent: curl/8\r\n\r\n", response: Self.ok)
        let forwards = Self.analyze(b, firstParty: ["shop.example"])
        #expect(forwards.count == 1)
        #expect(forwards.first?.vendor == "unknown")
        #expect(forwards.first?.host == "collect.newtracker.example")
        #expect(forwards.first?.personalData.map(\.category) == [.email])
        #expect(forwards.first?.personalData.first?.value == "d***@e***.org")
    }

    @Test("a name/value pair's value is read under the pair's name; a value key alone says nothing")
    func namedPairs() throws {
        var b = PacketBuilder()
        // HubSpot forms: {name, value}; a pair whose name is no category keeps its own key.
        let form = #"{"fields":[{"name":"firstname","value":"Lena"},{"name":"phone","value":"+49 151 23456789"},"#
            + #"{"value":"Hoffmann","name":"lastname"},{"name":"favourite_colour","value":"Berlin"},{"value":"Lena"}]}"#
        b.exchange(client: ("10.0.0.2", 40020), server: ("203.0.113.20", 80),
                   request: Self.post(host: "api.hsforms.com", path: "/submissions/v3/integration/submit/1/abc", body: form),
                   response: Self.ok)
        // LinkedIn: {idType, idValue}, documented by the catalog under the idType.
        let li = #"{"user":{"userIds":[{"idType":"SHA256_EMAIL","idValue":"\#(String(repeating: "ab", count: 32))"},"#
            + #"{"idType":"LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID","idValue":"9a7c5e3b-1d2f-4a6b-8c0e-2f4d6b8a0c1e"}]}}"#
        b.exchange(client: ("10.0.0.2", 40021), server: ("203.0.113.21", 80),
                   request: Self.post(host: "api.linkedin.com", path: "/rest/conversionEvents", body: li), response: Self.ok)
        // GA4 user properties: the value is named by its own key.
        let ga4 = #"{"client_id":"1843920571.1709301234","user_properties":{"first_name":{"value":"Lena"},"#
            + #""customer_tier":{"value":"gold"}},"events":[{"name":"purchase","params":{"value":89.9}}]}"#
        b.exchange(client: ("10.0.0.2", 40022), server: ("203.0.113.22", 80),
                   request: Self.post(host: "www.google-analytics.com", path: "/mp/collect", body: ga4), response: Self.ok)
        let forwards = Self.analyze(b)
        try #require(forwards.count == 3)
        let properties = Dictionary(uniqueKeysWithValues: forwards[2].personalData.map { ($0.path, $0.category) })
        #expect(properties == ["client_id": .cookie_id, "user_properties.first_name.value": .name_first])
        let hubspot = Dictionary(uniqueKeysWithValues: forwards[0].personalData.map { ($0.path, $0.category) })
        #expect(hubspot == ["fields[0].value": .name_first, "fields[1].value": .phone, "fields[2].value": .name_last])
        let linkedin = Dictionary(uniqueKeysWithValues: forwards[1].personalData.map { ($0.path, $0.category) })
        #expect(linkedin == ["user.userIds[0].idValue": .email_sha256, "user.userIds[1].idValue": .click_id])
    }

    @Test("an address in the URL path is personal data at location path; other path segments are not fields")
    func addressInPath() throws {
        var b = PacketBuilder()
        b.exchange(client: ("10.0.0.2", 40024), server: ("203.0.113.24", 80),
                   request: "PUT /api/v1/customers/lena.hoffmann%40example.org HTTP/1.1\r\nHost: track-eu.customer.io\r\n"
                       + "Content-Type: application/json\r\nContent-Length: 18\r\n\r\n{\"plan\":\"premium\"}",
                   response: Self.ok)
        // An unknown recipient with nothing personal but the address in its path is still a forward.
        b.exchange(client: ("10.0.0.2", 40025), server: ("203.0.113.25", 80),
                   request: "DELETE /v2/12345/dana.example@example.net HTTP/1.1\r\nHost: crm.thirdparty.example\r\n\r\n",
                   response: Self.ok)
        b.exchange(client: ("10.0.0.2", 40026), server: ("203.0.113.26", 80),
                   request: "GET /api/v1/customers/10492/orders/55123 HTTP/1.1\r\nHost: crm.thirdparty.example\r\n\r\n",
                   response: Self.ok)
        let forwards = Self.analyze(b)
        try #require(forwards.count == 2)
        #expect(forwards[0].vendor == "customerio")
        #expect(forwards[0].personalData.map { "\($0.location) \($0.path) \($0.category)" } == ["path customers email"])
        #expect(forwards[0].personalData.first?.value == "l***@e***.org")
        #expect(forwards[1].vendor == "unknown")
        #expect(forwards[1].personalData.map { "\($0.location) \($0.path) \($0.category)" } == ["path [2] email"])
    }

    @Test("many name/value pairs: the first are read under their names, the work stays bounded")
    func manyPairs() throws {
        var b = PacketBuilder()
        let pairs = (0..<1200).map { _ in #"{"name":"lastname","value":"Hoffmann"}"# }.joined(separator: ",")   // one packet: < 64 KiB
        b.exchange(client: ("10.0.0.2", 40023), server: ("203.0.113.23", 80),
                   request: Self.post(host: "api.hsforms.com", path: "/submissions/v3/integration/submit/1/abc",
                                      body: #"{"fields":["# + pairs + "]}"), response: Self.ok)
        let start = Date()
        let forwards = Self.analyze(b)
        #expect(Date().timeIntervalSince(start) < 10)
        let found = try #require(forwards.first).personalData
        #expect(found.first?.path == "fields[0].value" && found.first?.category == .name_last)
        #expect(found.count >= 64 && found.count < 1200, "\(found.count)")
    }

    @Test("a vendor-documented field is personal when its value fits the documented kind; documented non-personal fields are not")
    func documentedMeaning() throws {
        var b = PacketBuilder()
        // Reddit's user.uuid (the _rdt_uuid cookie) and Branch's developer_identity have values no
        // detector knows; the catalog documents them. Placeholders stay rejected.
        b.exchange(client: ("10.0.0.2", 40030), server: ("203.0.113.30", 80),
                   request: Self.post(host: "ads-api.reddit.com", path: "/api/v3/pixels/p1/conversion_events",
                                      body: #"{"data":{"events":[{"user":{"uuid":"1709301234567.5e2b7c9a-3d1f-4e8b-a6c4-0f9d2e7b1a35"}},{"user":{"uuid":"null"}}]}}"#),
                   response: Self.ok)
        b.exchange(client: ("10.0.0.2", 40031), server: ("203.0.113.31", 80),
                   request: Self.post(host: "api2.branch.io", path: "/v2/event/standard",
                                      body: #"{"name":"PURCHASE","user_data":{"developer_identity":"CRM-0048213","os":"iOS"}}"#),
                   response: Self.ok)
        // PostHog documents `uuid` as the event's own id: not personal, unless it holds contact data.
        b.exchange(client: ("10.0.0.2", 40032), server: ("203.0.113.32", 80),
                   request: Self.post(host: "eu.i.posthog.com", path: "/batch/",
                                      body: #"{"batch":[{"event":"x","distinct_id":"CRM-0048213","uuid":"018ec3b6-0000-7000-8000-000000000001"},"#
                                        + #"{"event":"y","distinct_id":"CRM-0048213","uuid":"lena.hoffmann@example.org"}]}"#),
                   response: Self.ok)
        let forwards = Self.analyze(b)
        try #require(forwards.count == 3)
        #expect(!forwards[2].personalData.contains { $0.path == "batch[0].uuid" })
        #expect(forwards[2].personalData.first { $0.path == "batch[1].uuid" }?.category == .email)
        #expect(forwards[0].personalData.map(\.path) == ["data.events[0].user.uuid"])
        #expect(forwards[0].personalData.first?.category == .cookie_id)
        #expect(forwards[1].personalData.map(\.path) == ["user_data.developer_identity"])
        #expect(forwards[1].personalData.first?.category == .user_id)
    }

    @Test("credentials in the query are masked")
    func secretsMasked() {
        #expect(ForwardAnalyzer.maskSecrets(path: "/mp/collect", query: "measurement_id=G-1&api_secret=s3cr3t",
                                            secrets: []) == "/mp/collect?measurement_id=G-1&api_secret=***")
        #expect(ForwardAnalyzer.maskSecrets(path: "/x", query: "writeKey=abc&n=1", secrets: ["writeKey"]) == "/x?writeKey=***&n=1")
        // Names are compared case-insensitively, vendor secrets too; a query without one comes back as it was.
        #expect(ForwardAnalyzer.maskSecrets(path: "/x", query: "API_Secret=1&&=2&flag&WRITEKEY=3", secrets: ["writeKey"])
                == "/x?API_Secret=***&&=2&flag&WRITEKEY=***")
        #expect(ForwardAnalyzer.maskSecrets(path: "/x", query: "a=1&&=2&flag&keys=3", secrets: ["writeKey"]) == "/x?a=1&&=2&flag&keys=3")
        // A non-ASCII name that lower-cases to a secret's (KELVIN SIGN + "EY" is "key") is masked too.
        #expect(ForwardAnalyzer.maskSecrets(path: "/x", query: "\u{212A}EY=1&n=é", secrets: []) == "/x?\u{212A}EY=***&n=é")
    }

    @Test("the request target splits at its first '?' character, by byte when it is ASCII")
    func targetSplit() {
        #expect(ForwardAnalyzer.splitTarget("/a/b?x=1?y") == ("/a/b", "x=1?y"))
        #expect(ForwardAnalyzer.splitTarget("/a/b") == ("/a/b", nil))
        #expect(ForwardAnalyzer.splitTarget("/?") == ("/", ""))
        // A `?` carrying a combining mark is another character: the split is at the plain one after it.
        #expect(ForwardAnalyzer.splitTarget("/é?\u{301}x?q=1") == ("/é?\u{301}x", "q=1"))
    }

    @Test("query pairs for in-band signals are form-decoded; malformed escapes stay as written")
    func queryPairs() {
        let pairs = ForwardAnalyzer.queryPairs("gcs=G1%31&npa=a+b&bad=%+f&x=%zz&flag")
        #expect(pairs.map(\.name) == ["gcs", "npa", "bad", "x", "flag"])
        #expect(pairs.map(\.value) == ["G11", "a b", "% f", "%zz", ""])   // `+` is a space; `%+f` is no escape
    }

    @Test("TLS to a catalog vendor without keys is a forward whose payload is not visible")
    func tlsWithoutKeys() throws {
        let dir = try #require(SharedCaptures.directory("sdk"))
        let analyzer = ForwardAnalyzer(options: AnalyzeOptions(catalog: CatalogParser.embedded(), hashKey: Self.key))
        var forwards: [ForwardRecord] = []
        _ = try HTTPPipeline.run(paths: [dir.appendingPathComponent("http2.pcap").path],
                                 onTLS: { if let f = analyzer.analyze(tls: $0, learnedHost: nil) { forwards.append(f) } },
                                 onRequest: { if let f = analyzer.analyze($0, learnedHost: nil) { forwards.append(f) } })
        #expect(forwards.count == 8)
        #expect(forwards.allSatisfy { !$0.payloadVisible && $0.hostSource == "sni" && $0.personalData.isEmpty })
        #expect(Set(forwards.map(\.vendor)).isSuperset(of: ["meta_capi", "ga4_measurement_protocol", "segment"]))
    }

    @Test("requests through a forward proxy are forwards; the CONNECT itself is not")
    func proxy() throws {
        let analyzer = ForwardAnalyzer(options: AnalyzeOptions(catalog: CatalogParser.embedded(), hashKey: Self.key))
        var run = HTTPRunOptions()
        run.retainedBodyBytes = 1 << 20
        var forwards: [ForwardRecord] = []
        _ = try HTTPPipeline.run(paths: [SharedCaptures.packageRoot.appendingPathComponent("captures/proxy.pcap").path],
                                 options: run, onRequest: { if let f = analyzer.analyze($0, learnedHost: nil) { forwards.append(f) } })
        #expect(!forwards.contains { $0.method == "CONNECT" })
        #expect(forwards.contains { $0.vendor == "mixpanel" && $0.path == "/track" && !$0.personalData.isEmpty })
        // The proxy is sent whole URLs: their authority is the recipient, their path the endpoint.
        let meta = try #require(forwards.first { $0.vendor == "meta_capi" })
        #expect(meta.path == "/v19.0/1234567890/events" && meta.endpointMatched && meta.hostSource == "target")
        #expect(meta.host == "graph.facebook.com" && !meta.personalData.isEmpty)
        let segment = try #require(forwards.first { $0.vendor == "segment" })
        #expect(segment.path == "/v1/batch" && segment.endpointMatched && segment.hostSource == "target")
    }

    @Test("DNS over TCP: answers split across segments are learnt like UDP ones; a gap stops the learning")
    func dnsOverTCP() throws {
        let name: [UInt8] = [5] + Array("graph".utf8) + [8] + Array("facebook".utf8) + [3] + Array("com".utf8) + [0]
        let query: [UInt8] = [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0] + name + [0, 1, 0, 1]
        let answer: [UInt8] = [0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0] + name + [0, 1, 0, 1,
                               0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 157, 240, 1, 1]
        func framed(_ m: [UInt8]) -> [UInt8] { [UInt8(m.count >> 8), UInt8(m.count & 0xff)] + m }
        let body = #"{"data":[{"event_name":"Purchase","user_data":{"em":["a8cfcd74832004951b4408cdb0a5dbcd8c7e52d43f7fe244bf720582e05241da"]}}]}"#
        for withGap in [false, true] {
            var b = PacketBuilder()
            let client = ("10.0.0.2", UInt16(40010)), server = ("10.0.0.53", UInt16(53))
            let q = framed(query), a = framed(answer)
            b.tcp(from: client, to: server, seq: 100, ack: 0, flags: 0x02)
            b.tcp(from: server, to: client, seq: 900, ack: 101, flags: 0x12)
            b.tcp(from: client, to: server, seq: 101, ack: 901, flags: 0x18, payload: q)
            // The answer in two segments; with a gap, its first part never arrives.
            if !withGap { b.tcp(from: server, to: client, seq: 901, ack: 101 + UInt32(q.count), flags: 0x18, payload: Array(a[..<7])) }
            b.tcp(from: server, to: client, seq: 908, ack: 101 + UInt32(q.count), flags: 0x18, payload: Array(a[7...]))
            b.exchange(client: ("10.0.0.2", 40011), server: ("157.240.1.1", 80),
                       request: Self.post(host: "157.240.1.1", path: "/v19.0/123/events", body: body), response: Self.ok)
            let f = Self.analyze(b).first
            if withGap {
                #expect(f == nil || f?.vendor == "unknown")
            } else {
                #expect(f?.vendor == "meta_capi" && f?.hostSource == "dns" && f?.host == "graph.facebook.com")
            }
        }
    }

    @Test("recorded: dig over TCP and UDP, then curl to the bare address; each request is named by the answer before it")
    func recordedDNS() throws {
        let analyzer = ForwardAnalyzer(options: AnalyzeOptions(catalog: CatalogParser.embedded(), hashKey: Self.key))
        var run = HTTPRunOptions()
        run.retainedBodyBytes = 1 << 20
        run.learnHostsFromDNS = true
        var forwards: [ForwardRecord] = []
        var pipelineRef: HTTPPipeline?
        let path = SharedCaptures.packageRoot.appendingPathComponent("captures/dns.pcap").path
        let pipeline = HTTPPipeline(options: run, onRequest: { r in
            let name = pipelineRef?.hosts.name(for: r.server.address, before: r.firstPacket)
            if let f = analyzer.analyze(r, learnedHost: name) { forwards.append(f) }
        })
        pipelineRef = pipeline
        let summary = HTTPPipeline.drive(pipeline, reader: try CaptureReader(paths: [path]))
        #expect(summary.counters["flows_dns_tcp"] == 1)
        // Both names resolve to the same address: the answer just before each request names it.
        #expect(forwards.map { "\($0.vendor) \($0.host ?? "") \($0.hostSource)" }
            == ["meta_capi graph.facebook.com dns", "segment api.segment.io dns"])
    }

    @Test("TLS through a proxy without SNI or keys: the recipient is the name the proxy was asked for")
    func tunnelTarget() throws {
        let analyzer = ForwardAnalyzer(options: AnalyzeOptions(catalog: CatalogParser.embedded(), hashKey: Self.key))
        let client = Endpoint(address: IPAddress("10.0.0.1")!, port: 41000), proxy = Endpoint(address: IPAddress("10.0.0.9")!, port: 3128)
        var row = TLSLogRecord(firstPacket: PacketRef(time: .zero, index: 0), uid: 1, client: client, server: proxy,
                               metadata: TLSMetadata(), tunnelTarget: "graph.facebook.com:443")
        let forward = try #require(analyzer.analyze(tls: row, learnedHost: "proxy.corp.example"))
        #expect(forward.vendor == "meta_capi" && forward.host == "graph.facebook.com" && forward.hostSource == "tunnel")
        // An address names nobody, and what DNS said of the server names the proxy, not the recipient.
        row.tunnelTarget = "157.240.0.35:443"
        #expect(analyzer.analyze(tls: row, learnedHost: "graph.facebook.com") == nil)
        row.tunnelTarget = nil
        #expect(analyzer.analyze(tls: row, learnedHost: "graph.facebook.com")?.hostSource == "dns")
        #expect(ForwardAnalyzer.tunnelHostName("[2a03:2880::1]:443") == nil)
    }

    @Test("absolute-form targets split into authority and origin form; other targets stay whole")
    func originForm() {
        #expect(ForwardAnalyzer.originForm("http://graph.facebook.com/v19.0/1/events?access_token=x")
            == ("graph.facebook.com", "/v19.0/1/events?access_token=x"))
        #expect(ForwardAnalyzer.originForm("HTTP://user:pw@api.segment.io:8080?a=1") == ("api.segment.io:8080", "/?a=1"))
        #expect(ForwardAnalyzer.originForm("https://collector.example") == ("collector.example", "/"))
        #expect(ForwardAnalyzer.originForm("http://h.example/p#frag") == ("h.example", "/p"))
        for whole in ["/v1/batch", "*", "api.mixpanel.com:443", "/redirect?to=http://x.example/", "ftp://x.example/", "http:///p"] {
            #expect(ForwardAnalyzer.originForm(whole) == (nil, whole))
        }
    }
}
