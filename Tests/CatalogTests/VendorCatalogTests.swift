import Testing
@testable import Catalog

@Suite("VendorCatalog")
struct VendorCatalogTests {
    let catalog = CatalogParser.embedded()

    @Test("the embedded catalog parses and covers at least 30 vendors")
    func embedded() {
        #expect(catalog.vendors.count >= 30)
        #expect(Set(catalog.vendors.map(\.purpose)).isSuperset(of: [.advertising, .analytics, .marketing, .cdp]))
    }

    @Test("requests are matched by host and path", arguments: [
        ("graph.facebook.com", "/v19.0/1234567890/events?access_token=x", "meta_capi", true),
        ("GRAPH.FACEBOOK.COM:443", "/v19.0/1234567890/events", "meta_capi", true),
        ("www.google-analytics.com", "/mp/collect?measurement_id=G-1&api_secret=s", "ga4_measurement_protocol", true),
        ("www.google-analytics.com", "/g/collect?v=2", "ga4_gtag_collect", true),
        ("api.segment.io", "/v1/batch", "segment", true),
        ("api.mixpanel.com", "/track", "mixpanel", true),
        ("rest.iad-03.braze.com", "/users/track", "braze", true),
        ("acme.dataplane.rudderstack.com", "/v1/track", "rudderstack", true),
        ("business-api.tiktok.com", "/open_api/v1.3/event/track/", "tiktok_events_api", true),
        ("graph.facebook.com", "/me/friends", "meta_capi", false),
        // Endpoint patterns with the ids a real request carries (not the documentation's placeholders).
        ("tr.snapchat.com", "/v3/4b9d2e61-7a3c-4f8e-b0d5-19c7e3a5f2b8/events?access_token=x", "snapchat_capi", true),
        ("googleads.googleapis.com", "/v17/customers/1234567890/offlineUserDataJobs:create", "google_ads_api_conversions", true),
        ("googleads.googleapis.com", "/v17/customers/1234567890/offlineUserDataJobs/987:addOperations", "google_ads_api_conversions", true),
        ("api.hubapi.com", "/crm/v3/objects/contacts", "hubspot", true),
        ("acme-gtm-abc123-ew.a.run.app", "/g/collect", "gtm_server_side", true),
        ("acme-shop.ew.r.appspot.com", "/g/collect", "gtm_server_side", true),
        ("acme.matomo.cloud", "/matomo.php?idsite=1", "matomo", true),
        // Collectors under their customers' own names, known by their protocol's path.
        ("collector.shop.example", "/com.snowplowanalytics.snowplow/tp2", "snowplow", true),
        ("stats.shop.example", "/matomo.php?idsite=1&rec=1", "matomo", true),
        ("analytics.shop.example", "/ppms.php?idsite=x", "piwik_pro", true),
        // A generic path known by the parameters its protocol requires (Snowplow's GET pixel).
        ("collector.shop.example", "/i?e=pv&url=x&p=pc&uid=42&tv=py-1.1.0&aid=shop", "snowplow", true),
        ("collector.shop.example", "/ice.png?tv=js-3&e=se&p=web", "snowplow", true),
    ])
    func matches(host: String, path: String, vendor: String, endpoint: Bool) throws {
        let m = try #require(catalog.match(host: host, path: path))
        #expect(m.vendor.id == vendor)
        #expect(m.endpointMatched == endpoint)
    }

    @Test("unknown hosts and look-alike hosts do not match")
    func noMatch() {
        #expect(catalog.match(host: "example.com", path: "/v1/batch") == nil)
        #expect(catalog.match(host: "graph.facebook.com.evil.test", path: "/v1/x/events") == nil)
        #expect(catalog.match(host: "a.b.stape.io", path: "/g/collect") == nil)  // '*' is one label
        // A path-only vendor never takes a host that is another vendor's, nor a path it does not name.
        #expect(catalog.match(host: "api.segment.io", path: "/matomo.php")?.vendor.id == "segment")
        #expect(catalog.match(host: "collector.shop.example", path: "/i?e=pv") == nil)
        #expect(catalog.match(host: "collector.shop.example", path: "/i?e=pv&p=web&tvx=1") == nil)   // names match exactly
        #expect(catalog.match(host: "collector.shop.example", path: "/i/x?e=pv&p=web&tv=1") == nil)
        #expect(catalog.match(host: "collector.shop.example", path: "/i") == nil)
        #expect(catalog.match(host: "collector.shop.example", path: "/x/com.snowplowanalytics.snowplow/tp2") == nil)
    }

    @Test("vendor field semantics apply through indices and batch envelopes")
    func semantics() throws {
        let meta = try #require(catalog.vendor(id: "meta_capi"))
        #expect(meta.semantic(forFieldPath: "data[0].user_data.em[0]")?.category == "email_sha256")
        #expect(meta.semantic(forFieldPath: "data[3].user_data.ph")?.hashed == "sha256")
        // Pairs {idType, idValue} are documented under the name the pair gives its value.
        let linkedin = try #require(catalog.vendor(id: "linkedin_capi"))
        #expect(linkedin.semantic(forFieldPath: "user.userIds[1].LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID")?.category == "click_id")
        #expect(linkedin.semantic(forFieldPath: "user.userIds[0].SHA256_EMAIL")?.category == "email_sha256")
        #expect(linkedin.semantic(forFieldPath: "user.userIds[1].idValue") == nil)
        let segment = try #require(catalog.vendor(id: "segment"))
        #expect(segment.semantic(forFieldPath: "batch[2].userId")?.category == "user_id")
        #expect(meta.semantic(forFieldPath: "data[0].custom_data.value") == nil)
    }

    @Test("glob patterns")
    func globs() {
        #expect(GlobPattern(path: "/v*/*/events").matches(Array("/v19.0/42/events".utf8)))
        #expect(!GlobPattern(path: "/v*/*/events").matches(Array("/v19.0/42/x/events".utf8)))
        #expect(GlobPattern(path: "/api/**").matches(Array("/api/a/b/c".utf8)))
        #expect(GlobPattern(path: "/i?e&tv").matches(target: Array("/i?tv=1&x&e".utf8)[...]))
        #expect(GlobPattern(path: "/i?e&tv").matches(target: Array("/i?e=1&tv=".utf8)[...]))
        #expect(!GlobPattern(path: "/i?e&tv").matches(target: Array("/i?e=tv".utf8)[...]))   // a value is no name
        #expect(!GlobPattern(path: "/i?e&tv").matches(target: Array("/i".utf8)[...]))
        #expect(GlobPattern(path: "/v1/*").matches(target: Array("/v1/t?whatever".utf8)[...]))
        #expect(GlobPattern(host: "*.stape.io").matches(Array("gtm.stape.io".utf8)))
        #expect(!GlobPattern(host: "*.stape.io").matches(Array("stape.io".utf8)))
    }

    @Test("a broken catalog is refused with the line and the reason", arguments: [
        ("version: 1\nvendors:\n  - id: x\n    purpose: spying\n    hosts: [a.example]\n", 4, "unknown purpose 'spying'"),
        ("version: 1\nvendors:\n  - id: x\n    purpose: analytics\n", 3, "needs at least one host"),
        ("version: 1\nvendors:\n  - id: x\n    purpose: analytics\n    any_host: yes please\n    paths: [/c]\n", 5, "'any_host' must be true or false"),
        ("version: 1\nvendors:\n  - id: x\n    purpose: analytics\n    any_host: true\n    paths: [\"/*/collect\"]\n", 3, "its paths must name its endpoints"),
        ("version: 1\nvendors:\n  - id: x\n    purpose: analytics\n    any_host: true\n", 3, "its paths must name its endpoints"),
        ("version: 1\nvendors:\n  - id: x\n    purpose: analytics\n    any_host: true\n    paths: [\"/?e&tv\"]\n", 3, "its paths must name its endpoints"),
        ("version: 1\nvendors:\n  - id: x\n    purpose: analytics\n    hosts: [a.example]\n    paths: [\"/i?e&&tv\"]\n", 6, "names of required query parameters"),
        ("version: 1\nvendors:\n  - id: x\n    purpose: analytics\n    hosts: [a.example]\n    paths: [\"/i?e=pv\"]\n", 6, "names of required query parameters"),
        ("version: 1\nvendors:\n  - id: x\n    purpose: analytics\n    hosts: [a.example]\n    colour: red\n", 6, "unknown key 'colour'"),
        ("version: 1\nvendors:\n  - id: x\n    purpose: analytics\n    hosts: [a.example]\n    paths: [nope]\n", 6, "must start with '/'"),
        ("version: 1\nvendors:\n  - id: x\n    purpose: analytics\n    hosts: [a.example]\n    fields:\n      - {path: a, category: shoe_size}\n", 7, "unknown category 'shoe_size'"),
        ("version: 1\nvendors: [\n", 3, "not valid YAML"),
        ("version: 2\nvendors: []\n", 1, "unsupported catalog version"),
        ("version: 1\nvendors:\n  - id: x\n    purpose: analytics\n    hosts: [a.example]\n  - id: x\n    purpose: analytics\n    hosts: [b.example]\n", 6, "duplicate vendor id"),
    ])
    func refused(text: String, line: Int, reason: String) {
        do {
            _ = try CatalogParser.parse(text, source: "user.yaml")
            Issue.record("accepted a broken catalog")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.reason.contains(reason), "\(error)")
            #expect(error.description.hasPrefix("user.yaml:\(line): "))
        }
    }

    @Test("a user catalog extends and overrides the embedded one")
    func override() throws {
        var c = catalog
        let extra = try CatalogParser.parse("""
        version: 1
        vendors:
          - id: acme_cdp
            name: Acme CDP
            purpose: cdp
            hosts: ["collect.acme.example"]
            paths: ["/e"]
          - id: segment
            name: Segment (proxy)
            purpose: cdp
            hosts: ["segment-proxy.example"]
        """, source: "mine.yaml")
        for v in extra { c.add(v) }
        #expect(c.match(host: "collect.acme.example", path: "/e")?.vendor.name == "Acme CDP")
        #expect(c.match(host: "segment-proxy.example", path: "/v1/batch")?.vendor.id == "segment")
        #expect(c.match(host: "api.segment.io", path: "/v1/batch") == nil)
    }
}
