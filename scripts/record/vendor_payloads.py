#!/usr/bin/env python3
"""Server-side tracker requests, one or more per vendor of ../shared/research/tracker-endpoints.md
(sections 1-35), with the ground truth of where the personal data sit in each.

`vendor_requests()` returns a list of dicts in a fixed order (no randomness, no clock):
    vendor        catalog id (Sources/Catalog/catalog.yaml) or None when the endpoint is not in the catalog
    method, host  the vendor's documented method and host
    path          path + query exactly as sent (percent-encoded)
    headers       what the vendor's API documents (auth headers carry FAKE secrets); never a User-Agent
    body          bytes (b"" for none)
    personal      [{location, path, category}]: every field that holds a value of the synthetic person
    not_personal  [{location, path}]: a few clearly non-personal documented fields
    note          section number and short description
    inband        {purpose: granted|denied}: what the request's own consent fields say, as the vendor
                  documents them (GA4 consent, gcs/gcd, adStorageConsent, consentManagement, ...); {} none

Field paths follow ConsentTap's extraction notation: JSON `data[0].user_data.em[0]`; form and query
parameters by their name as sent (`cid`, `ud[em]`); a value holding JSON is a layer `data#json[0].x`,
base64/base64url JSON is `data#b64[0].x`; headers by lower-case name; cookies by cookie name.
Location is its own key: query | body | header | cookie.

Category rules (the rules this table follows everywhere):
  * Hashed values get the hashed category only for e-mail and phone (email_sha256 / phone_sha256);
    other hashed fields (Meta-style fn, ln, ct, st, zp, db, ge, country; Google hashed names/street)
    get the category of what was hashed (name_first, name_last, city, region, postal_code,
    date_of_birth, gender, country, street_address).
  * External/CRM ids (Meta/TikTok/Snap/Pinterest external_id, Segment userId, Mixpanel distinct_id when
    it is the app's user id, Heap identity when it is the CRM id, ...) are user_id, hashed or not.
  * Anonymous/cookie/browser ids (_fbp/fbp, GA client_id/cid, Segment anonymousId, _ttp, _scid,
    _rdt_uuid, _uetvid, hubspotutk, Adobe ECID/visitor id, Matomo _id, Snowplow duid/tnuid, Amplitude
    device_id and Mixpanel/PostHog $device_id when they are browser ids, PostHog anonymous distinct_id,
    Tealium visitor id) are cookie_id.
  * Where the kind of an id is ambiguous (Mixpanel/PostHog distinct_id, a browser's device_id, Criteo
    mapped_user_id), `accept` lists the other category a careful reader may give it.
  * Mobile advertising / device ids (IDFA, IDFV, GAID, madid, Adjust gps_adid, AppsFlyer
    advertising_id and appsflyer_id) are device_id.
  * Click ids (fbc, gclid, ttclid, ScCid, rdt_cid, twclid, msclkid, epik, li_fat_id) are click_id.
  * A field named like an id but holding an e-mail (Heap identity = e-mail) gets the category of the
    value (email).
Not listed anywhere (neither personal nor not_personal): event/message/session/order/transaction ids,
page URLs, referrers, pixel/measurement/app ids, API keys and tokens, auth headers.

Synthetic people only: Lena Hoffmann (Leipzig, DE) and, for batches, Daniel Park (San Francisco, US);
e-mails at example.org / example.net, phones in valid numbering plans, public (global) IP addresses.

`python3 vendor_payloads.py` validates the table (bodies parse, every listed path exists, hashes are
lower-case SHA-256 of the person's normalised values, no private IPs, every field holding a person's
value is listed, host/path against the catalog) and prints one line per request.
Standard library only.
"""
import base64
import datetime
import gzip
import hashlib
import ipaddress
import json
import os
import re
import sys
import urllib.parse

# ---------------------------------------------------------------------------------------------------
# Synthetic people. Every value of a person is registered with its category (`_v`), so that the
# validator can tell which payload fields hold personal data.

# Category rules: see "Category rules" in the module docstring; they are the rules of this table.
CATEGORIES = {
    'email', 'email_sha256', 'phone', 'phone_sha256', 'name_first', 'name_last', 'name_full',
    'street_address', 'city', 'postal_code', 'region', 'country', 'date_of_birth', 'gender',
    'ip_address', 'user_agent', 'user_id', 'device_id', 'cookie_id', 'click_id', 'geolocation',
    'credit_card', 'iban', 'national_id',
}
LOCATIONS = {'body', 'query', 'header', 'cookie'}
_REGISTRY = []   # (value, category)


def _v(category, value):
    assert category in CATEGORIES, category
    _REGISTRY.append((value, category))
    return value


def sha256(normalised):
    """Hex SHA-256 of an already normalised value (the caller applies the vendor's normalisation)."""
    return hashlib.sha256(normalised.encode('utf-8')).hexdigest()


class Lena:
    email = _v('email', 'lena.hoffmann@example.org')
    phone = _v('phone', '+4915123456789')            # German mobile, 0151 2345 6789
    phone_digits = _v('phone', '4915123456789')
    first = _v('name_first', 'Lena')
    last = _v('name_last', 'Hoffmann')
    full = _v('name_full', 'Lena Hoffmann')
    street = _v('street_address', 'Lindenstraße 12')
    city = _v('city', 'Leipzig')
    postal = _v('postal_code', '04109')
    region = _v('region', 'SN')                       # ISO 3166-2:DE-SN (Saxony)
    region_name = _v('region', 'Saxony')
    country = _v('country', 'DE')
    country_name = _v('country', 'Germany')
    dob = _v('date_of_birth', '1988-04-17')
    dob_compact = _v('date_of_birth', '19880417')
    gender = _v('gender', 'f')
    gender_upper = _v('gender', 'F')
    gender_word = _v('gender', 'female')
    lat = _v('geolocation', 51.3397)
    lng = _v('geolocation', 12.3731)
    ip = _v('ip_address', '81.2.69.160')
    ip6 = _v('ip_address', '2a02:8108:1b40:3700::1')
    ua = _v('user_agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) '
                          'Chrome/124.0.0.0 Safari/537.36')
    ua_ios = _v('user_agent', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 '
                              '(KHTML, like Gecko) Mobile/15E148')
    user_id = _v('user_id', 'CRM-0048213')
    # browser / cookie ids
    ga_cid = _v('cookie_id', '1843920571.1709301234')
    fbp = _v('cookie_id', 'fb.1.1709301234567.1098765432')
    ttp = _v('cookie_id', '2Xq5kQ3bLZ8wR1vN7mJ0cY4tFhD')
    scid = _v('cookie_id', 'c4e1a7b2-5d3f-4a8e-9b6c-2f0d1e3a5b7c')
    rdt_uuid = _v('cookie_id', '1709301234567.5e2b7c9a-3d1f-4e8b-a6c4-0f9d2e7b1a35')
    uet_vid = _v('cookie_id', '6e8d4f20f0d411eeb7c1c5a2e9f3d7b1')
    seg_anon = _v('cookie_id', '5e1f7c3a-9b2d-4e6f-8a0c-1d3b5f7e9a24')
    amp_device = _v('cookie_id', 'b7e2c9a4-3f1d-4a6e-8c5b-0d2f4a6c8e13')
    mp_device = _v('cookie_id', '18e3b57a2f1c4-0e9d3b5a8f6c2d-26001b51-1fa400-18e3b57a301f2')
    ph_anon = _v('cookie_id', '018ec3b5-7a2f-7c41-9e3d-5b8a1f6c2d09')
    hutk = _v('cookie_id', 'f3a1c9e75b2d4f608a1c9e7d3b5f2a40')
    tealium_vid = _v('cookie_id', '018ec3b57a2f001f4c2e9b7a6d3c05075001d06d00bd0')
    adobe_ecid = _v('cookie_id', '45872916083571640822385672291469348129')
    adobe_vid = _v('cookie_id', '2F4A9C7E1B3D5F60-40000A8C1E3B5D70')
    matomo_id = _v('cookie_id', '1f3a9c7e5b2d4f60')
    sp_duid = _v('cookie_id', 'd2c8f1a7-6b3e-4c9d-a5f0-7e1b3d9c2a64')
    sp_nuid = _v('cookie_id', 'a9e3c7f1-2d5b-4e8a-b6c0-4f2d8e1a7c35')
    cio_anon = _v('cookie_id', '0c7a5e3b-1f9d-4b2a-8e6c-3d5f7a9b1c20')
    criteo_uid = _v('cookie_id', 'Xz7kPq2LmN9rT4vW8yB1cD6fG3hJ5kL0')
    criteo_visitor = _v('cookie_id', 'rv-7c2e9a41f0b35d68')
    # click ids
    fbclid = 'IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMgk'
    fbc = _v('click_id', 'fb.1.1712045412345.' + fbclid)
    gclid = _v('click_id', 'Cj0KCQjw1qO0BhDwARIsANfnkv8dWqN3a9Zp2Yk7LrXhQmTn4sVbGc1RfJ0uE6oPzKaDyw9B8vMaAmNlEALw_wcB')
    ttclid = _v('click_id', 'E.C.P.CqkBIIW2ZqY9dQ3qkzrOkW5rpEY8eXWc1Tj3nlkYpLr2ZbGqhJ0xVUtMf4CqoD1hA7rSNnsZ1pRdUx3L4Ba6KwEpbEg')
    sc_click_id = _v('click_id', '7f3b2c1d-9a4e-4d2b-8c6f-1e0a5b3d7c92')
    epik = _v('click_id', 'dj0yJnU9V2xQcHVrN0t0cG5sZ0NBM3J5Y0wxRXBVUmZ3eXhMNG8mcD0xJm49X2x2dEVCbU1CQk5PT2h6RGJkbEdtQSZ0PUFBQUFBR1l0dHRB')
    rdt_cid = _v('click_id', '1847362590193847562_f3a9c1e7-5b2d-4f60-8a1c-9e7d3b5f2a40')
    twclid = _v('click_id', '26wj9qkh2y3m0n4p5r6s7t8u9v')
    msclkid = _v('click_id', 'a1b2c3d4e5f60718293a4b5c6d7e8f90')
    li_fat_id = _v('click_id', '9a7c5e3b-1d2f-4a6b-8c0e-2f4d6b8a0c1e')
    # mobile device ids
    idfa = _v('device_id', '6D92078A-8246-4BA4-AE5B-76104861E7DC')
    idfv = _v('device_id', '3B5F7A9C-1E2D-4C6B-8A0F-9D7E5C3B1A24')
    gaid = _v('device_id', 'cdda802e-fb9c-47ad-9866-0794d394c912')
    af_id = _v('device_id', '1709301234567-4829173650192837465')


class Daniel:
    email = _v('email', 'daniel.park@example.net')
    phone = _v('phone', '+14155552671')
    phone_digits = _v('phone', '14155552671')
    first = _v('name_first', 'Daniel')
    last = _v('name_last', 'Park')
    full = _v('name_full', 'Daniel Park')
    street = _v('street_address', '12 Market Street')
    city = _v('city', 'San Francisco')
    postal = _v('postal_code', '94105')
    region = _v('region', 'CA')
    country = _v('country', 'US')
    dob = _v('date_of_birth', '1990-11-23')
    gender = _v('gender', 'm')
    ip = _v('ip_address', '216.160.83.56')
    ua = _v('user_agent', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) '
                          'Version/17.4.1 Safari/605.1.15')
    user_id = _v('user_id', 'CRM-0051977')
    seg_anon = _v('cookie_id', '8d4b2f6a-0e3c-4a7d-9b1f-6c8e0a2d4f57')
    li_fat_id = _v('click_id', '2c4e6a8b-0d1f-4e3a-9c5b-7d9f1b3d5e60')


L, D = Lena, Daniel

# Normalised forms that vendors hash (see each request's comment for the vendor's rule).
EM = L.email.strip().lower()
EM_MS = 'lenahoffmann@example.org'            # Microsoft UET (stape): dots and +tag removed from the local part
PH_E164 = L.phone                             # '+4915123456789' (Google, TikTok, X, Microsoft)
PH_DIGITS = L.phone_digits                    # '4915123456789'  (Meta, Snap, Pinterest)
FN, LN = L.first.lower(), L.last.lower()
CT = L.city.lower()
ST = L.region.lower()
ZP = L.postal
CC = L.country.lower()
DB = L.dob_compact
GE = L.gender
XID = L.user_id.strip().lower()               # external_id, trimmed + lower-cased (stape templates)
STREET = L.street.lower()                     # Google: lower-case, trimmed

T = 1712046000                                # 2024-04-02T08:20:00Z, event time of every request
T_MS = T * 1000
ISO = datetime.datetime.fromtimestamp(T, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
ISO_MS = datetime.datetime.fromtimestamp(T, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.000Z')
SHOP = 'https://shop.example.com'
SKU = 'SKU-1042'


# ---------------------------------------------------------------------------------------------------
# Helpers

def j(obj):
    return json.dumps(obj, separators=(',', ':')).encode('utf-8')


def js(obj):
    """A JSON document as a string value (for form fields and JSON-in-JSON)."""
    return json.dumps(obj, separators=(',', ':'))


def form(pairs):
    return urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote).encode('ascii')


def qs(path, pairs):
    return path + '?' + urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)


def b64(obj):
    return base64.b64encode(js(obj).encode('utf-8')).decode('ascii')


def b64url(obj):
    return base64.urlsafe_b64encode(js(obj).encode('utf-8')).decode('ascii')


def basic(user, password=''):
    return 'Basic ' + base64.b64encode(('%s:%s' % (user, password)).encode()).decode()


def P(location, path, category, accept=()):
    """A personal field; `accept`: other categories a careful reader may give it (ambiguous id kinds)."""
    entry = {'location': location, 'path': path, 'category': category}
    if accept:
        entry['accept'] = list(accept)
    return entry


def N(location, path):
    return {'location': location, 'path': path}


JSON = {'Content-Type': 'application/json'}
FORM = {'Content-Type': 'application/x-www-form-urlencoded'}


def req(vendor, method, host, path, headers, body, personal, not_personal, note, inband=None):
    """`inband`: what the request itself says about consent, per purpose ('granted' / 'denied'), as the
    vendor's documentation defines its consent fields (none: the request says nothing)."""
    return {'vendor': vendor, 'method': method, 'host': host, 'path': path, 'headers': headers, 'body': body,
            'personal': personal, 'not_personal': not_personal, 'note': note, 'inband': inband or {}}


# ---------------------------------------------------------------------------------------------------
# 1 Meta Conversions API

def meta_json():
    # JSON body; em/ph/fn/ln/ge/db/ct/st/zp/country SHA-256 of the normalised value (phone digits with
    # country code, no '+'); external_id hashed (recommended); ip, ua, fbp, fbc raw.
    u = 'data[0].user_data.'
    body = {'data': [{
        'event_name': 'Purchase', 'event_time': T, 'event_id': 'ord-20240402-000731',
        'action_source': 'website', 'event_source_url': SHOP + '/checkout/confirmation',
        'user_data': {
            'em': [sha256(EM)], 'ph': [sha256(PH_DIGITS)], 'fn': sha256(FN), 'ln': sha256(LN), 'ge': sha256(GE),
            'db': sha256(DB), 'ct': sha256(CT), 'st': sha256(ST), 'zp': sha256(ZP), 'country': sha256(CC),
            'external_id': [sha256(XID)], 'client_ip_address': L.ip, 'client_user_agent': L.ua,
            'fbp': L.fbp, 'fbc': L.fbc,
        },
        'custom_data': {'currency': 'EUR', 'value': 89.9, 'content_ids': [SKU], 'content_type': 'product',
                        'num_items': 1},
        'data_processing_options': [],
    }]}
    personal = [P('body', u + 'em[0]', 'email_sha256'), P('body', u + 'ph[0]', 'phone_sha256'),
                P('body', u + 'fn', 'name_first'), P('body', u + 'ln', 'name_last'), P('body', u + 'ge', 'gender'),
                P('body', u + 'db', 'date_of_birth'), P('body', u + 'ct', 'city'), P('body', u + 'st', 'region'),
                P('body', u + 'zp', 'postal_code'), P('body', u + 'country', 'country'),
                P('body', u + 'external_id[0]', 'user_id'), P('body', u + 'client_ip_address', 'ip_address'),
                P('body', u + 'client_user_agent', 'user_agent'), P('body', u + 'fbp', 'cookie_id'),
                P('body', u + 'fbc', 'click_id')]
    not_personal = [N('body', 'data[0].event_name'), N('body', 'data[0].event_time'),
                    N('body', 'data[0].action_source'), N('body', 'data[0].custom_data.currency'),
                    N('body', 'data[0].custom_data.value'), N('body', 'data[0].custom_data.content_ids[0]'),
                    N('body', 'data[0].custom_data.num_items')]
    return req('meta_capi', 'POST', 'graph.facebook.com', '/v21.0/1234567890123456/events?access_token=FAKE_ACCESS_TOKEN',
               dict(JSON), j(body), personal, not_personal, '1 Meta Conversions API, JSON body (website purchase)')


def meta_form():
    # Form body: data=<JSON string> and access_token in the body (both documented). An app event
    # (action_source app, app_data) with madid (IDFA) and an IPv6 client address.
    data = [{
        'event_name': 'Purchase', 'event_time': T, 'action_source': 'app',
        'user_data': {'em': [sha256(EM)], 'ph': [sha256(PH_DIGITS)], 'external_id': [sha256(XID)],
                      'madid': L.idfa, 'client_ip_address': L.ip6, 'client_user_agent': L.ua_ios},
        'app_data': {'advertiser_tracking_enabled': 1, 'application_tracking_enabled': 1,
                     'extinfo': ['i2', 'com.example.shop', '142', '1.4.2', '17.4.1', 'iPhone15,2', 'de_DE', 'CET',
                                 'Telekom.de', 1179, 2556, '3.00', 6, 256, 180, 'Europe/Berlin']},
        'custom_data': {'currency': 'EUR', 'value': 89.9},
    }]
    u = 'data#json[0].user_data.'
    personal = [P('body', u + 'em[0]', 'email_sha256'), P('body', u + 'ph[0]', 'phone_sha256'),
                P('body', u + 'external_id[0]', 'user_id'), P('body', u + 'madid', 'device_id'),
                P('body', u + 'client_ip_address', 'ip_address'), P('body', u + 'client_user_agent', 'user_agent')]
    not_personal = [N('body', 'data#json[0].event_name'), N('body', 'data#json[0].event_time'),
                    N('body', 'data#json[0].action_source'),
                    N('body', 'data#json[0].app_data.advertiser_tracking_enabled'),
                    N('body', 'data#json[0].custom_data.currency'), N('body', 'data#json[0].custom_data.value')]
    return req('meta_capi', 'POST', 'graph.facebook.com', '/v21.0/1234567890123456/events', dict(FORM),
               form([('data', js(data)), ('access_token', 'FAKE_ACCESS_TOKEN')]), personal, not_personal,
               '1 Meta Conversions API, form body data=<JSON string> (app event, madid)')


def meta_app_events():
    # App Events API (rudder `fb` destination): form body, custom_events and extinfo as JSON strings,
    # ud[em] lower-cased + SHA-256, ud[ph] digits without leading zeros + SHA-256, advertiser_id = GAID,
    # client IP forwarded in X-Forwarded-For.
    custom_events = [{'_eventName': 'fb_mobile_purchase', '_logTime': T, 'fb_currency': 'EUR',
                      '_valueToSum': 89.9, 'fb_content_id': SKU}]
    extinfo = ['a2', 'com.example.shop', '142', '1.4.2', '14', 'Pixel 8', 'de_DE', 'CET', 'Telekom.de',
               1080, 2400, '2.63', 8, 128, 64, 'Europe/Berlin']
    body = form([('event', 'CUSTOM_APP_EVENTS'), ('advertiser_id', L.gaid), ('advertiser_tracking_enabled', '1'),
                 ('application_tracking_enabled', '1'), ('app_user_id', L.user_id), ('extinfo', js(extinfo)),
                 ('custom_events', js(custom_events)), ('ud[em]', sha256(EM)), ('ud[ph]', sha256(PH_DIGITS))])
    personal = [P('body', 'advertiser_id', 'device_id'), P('body', 'app_user_id', 'user_id'),
                P('body', 'ud[em]', 'email_sha256'), P('body', 'ud[ph]', 'phone_sha256'),
                P('header', 'x-forwarded-for', 'ip_address')]
    not_personal = [N('body', 'event'), N('body', 'advertiser_tracking_enabled'),
                    N('body', 'custom_events#json[0]._eventName'), N('body', 'custom_events#json[0].fb_currency'),
                    N('body', 'custom_events#json[0]._valueToSum')]
    headers = dict(FORM)
    headers['X-Forwarded-For'] = L.ip
    return req('meta_capi', 'POST', 'graph.facebook.com', '/v19.0/987654321098765/activities?access_token=FAKE_APP_TOKEN',
               headers, body, personal, not_personal,
               '1 Meta App Events API /activities (related endpoint), form body with JSON-string fields, ud[..] keys')


# ---------------------------------------------------------------------------------------------------
# 2 GA4 Measurement Protocol, 3 GA4 g/collect and sGTM, 4 UA Measurement Protocol

def ga4_mp():
    # user_data hashing: trim + lower-case, phone E.164 with '+', hex SHA-256; city, region,
    # postal_code, country are sent un-hashed.
    body = {
        'client_id': L.ga_cid, 'user_id': L.user_id, 'timestamp_micros': T * 1000000,
        'ip_override': L.ip,
        'user_data': {
            'sha256_email_address': [sha256(EM)], 'sha256_phone_number': [sha256(PH_E164)],
            'address': [{'sha256_first_name': sha256(FN), 'sha256_last_name': sha256(LN),
                         'sha256_street': sha256(STREET), 'city': CT, 'region': ST, 'postal_code': ZP,
                         'country': CC}],
        },
        'consent': {'ad_user_data': 'GRANTED', 'ad_personalization': 'GRANTED'},
        'events': [{'name': 'purchase', 'params': {
            'currency': 'EUR', 'value': 89.9, 'transaction_id': 'ord-20240402-000731',
            'session_id': '1712045012', 'engagement_time_msec': 1200,
            'items': [{'item_id': SKU, 'item_name': 'Trail running shoe', 'price': 89.9, 'quantity': 1}]}}],
    }
    a = 'user_data.address[0].'
    personal = [P('body', 'client_id', 'cookie_id'), P('body', 'user_id', 'user_id'),
                P('body', 'ip_override', 'ip_address'),
                P('body', 'user_data.sha256_email_address[0]', 'email_sha256'),
                P('body', 'user_data.sha256_phone_number[0]', 'phone_sha256'),
                P('body', a + 'sha256_first_name', 'name_first'), P('body', a + 'sha256_last_name', 'name_last'),
                P('body', a + 'sha256_street', 'street_address'), P('body', a + 'city', 'city'),
                P('body', a + 'region', 'region'), P('body', a + 'postal_code', 'postal_code'),
                P('body', a + 'country', 'country')]
    not_personal = [N('body', 'timestamp_micros'), N('body', 'consent.ad_user_data'), N('body', 'events[0].name'),
                    N('body', 'events[0].params.currency'), N('body', 'events[0].params.value'),
                    N('body', 'events[0].params.engagement_time_msec'), N('body', 'events[0].params.items[0].item_id')]
    return req('ga4_measurement_protocol', 'POST', 'region1.google-analytics.com',
               '/mp/collect?measurement_id=G-8XKQ3R2T1M&api_secret=FAKE_API_SECRET', dict(JSON), j(body),
               personal, not_personal, '2 GA4 Measurement Protocol, JSON body with user_data (EU host)',
               inband={'advertising': 'granted', 'personalization': 'granted'})


GCOLLECT_COMMON = [('v', '2'), ('tid', 'G-8XKQ3R2T1M'), ('gcs', 'G111'), ('gcd', '13r3r3r3r5l1'), ('npa', '0'),
                   ('dma', '1'), ('cid', L.ga_cid), ('ul', 'de-de'), ('sr', '1920x1080'), ('uid', L.user_id)]


def ga4_gcollect():
    # sGTM's GA4 tag forwarding a hit to Google: query string only, _uip = the visitor's IP.
    q = GCOLLECT_COMMON + [('_uip', L.ip), ('sid', '1712045012'), ('sct', '3'), ('seg', '1'),
                           ('dl', SHOP + '/checkout/confirmation'), ('dt', 'Order confirmation'),
                           ('en', 'purchase'), ('cu', 'EUR'), ('epn.value', '89.9'),
                           ('pr1', 'id%s~nmTrail running shoe~pr89.9~qt1' % SKU), ('_s', '2')]
    personal = [P('query', 'cid', 'cookie_id'), P('query', 'uid', 'user_id'), P('query', '_uip', 'ip_address')]
    not_personal = [N('query', 'v'), N('query', 'gcs'), N('query', 'gcd'), N('query', 'npa'), N('query', 'dma'),
                    N('query', 'en'), N('query', 'cu'), N('query', 'epn.value')]
    return req('ga4_gtag_collect', 'GET', 'region1.google-analytics.com', qs('/g/collect', q), {}, b'',
               personal, not_personal, '3 GA4 g/collect query string (sGTM GA4 tag -> Google, _uip)',
               inband={'advertising': 'granted', 'analytics': 'granted', 'personalization': 'granted'})


def sgtm_inbound():
    # Inbound hit to a server-side GTM container on App Engine (gtag POST with an empty body).
    q = GCOLLECT_COMMON + [('sid', '1712045012'), ('sct', '3'), ('seg', '1'), ('dl', SHOP + '/product/trail-shoe'),
                           ('dt', 'Trail running shoe'), ('en', 'view_item'), ('cu', 'EUR'),
                           ('epn.value', '89.9'), ('_s', '1')]
    personal = [P('query', 'cid', 'cookie_id'), P('query', 'uid', 'user_id')]
    not_personal = [N('query', 'v'), N('query', 'gcs'), N('query', 'en'), N('query', 'cu'), N('query', 'epn.value')]
    return req('gtm_server_side', 'POST', 'sgtm-shop-4821.appspot.com', qs('/g/collect', q), {}, b'',
               personal, not_personal, '3 server-side GTM container, inbound GA4 /g/collect (query string, empty body)',
               inband={'advertising': 'granted', 'analytics': 'granted', 'personalization': 'granted'})


def ua_collect():
    body = form([('v', '1'), ('tid', 'UA-12345678-1'), ('cid', L.ga_cid), ('uid', L.user_id), ('t', 'event'),
                 ('ec', 'ecommerce'), ('ea', 'purchase'), ('el', SKU), ('ev', '90'), ('uip', L.ip), ('ua', L.ua),
                 ('dl', SHOP + '/checkout/confirmation'), ('gclid', L.gclid)])
    personal = [P('body', 'cid', 'cookie_id'), P('body', 'uid', 'user_id'), P('body', 'uip', 'ip_address'),
                P('body', 'ua', 'user_agent'), P('body', 'gclid', 'click_id')]
    not_personal = [N('body', 'v'), N('body', 't'), N('body', 'ec'), N('body', 'ea'), N('body', 'el'), N('body', 'ev')]
    return req('ua_measurement_protocol', 'POST', 'www.google-analytics.com', '/collect', dict(FORM), body,
               personal, not_personal, '4 Universal Analytics Measurement Protocol v1 (legacy), form body')


# ---------------------------------------------------------------------------------------------------
# 5 Google Ads API, 5b Data Manager API

GADS_HEADERS = {'Content-Type': 'application/json', 'Authorization': 'Bearer FAKE_OAUTH_TOKEN',
                'developer-token': 'FAKE_DEVELOPER_TOKEN', 'login-customer-id': '9876543210'}


def gads_click():
    # Google normalisation: trim, lower-case, phone E.164; hex SHA-256.
    body = {'conversions': [{
        'gclid': L.gclid, 'conversionAction': 'customers/1234567890/conversionActions/987654321',
        'conversionDateTime': '2024-04-02 10:20:00+02:00', 'conversionValue': 89.9, 'currencyCode': 'EUR',
        'orderId': 'ord-20240402-000731',
        'userIdentifiers': [{'userIdentifierSource': 'FIRST_PARTY', 'hashedEmail': sha256(EM)},
                            {'userIdentifierSource': 'FIRST_PARTY', 'hashedPhoneNumber': sha256(PH_E164)}],
        'consent': {'adUserData': 'GRANTED'},
    }], 'partialFailure': True}
    c = 'conversions[0].'
    personal = [P('body', c + 'gclid', 'click_id'), P('body', c + 'userIdentifiers[0].hashedEmail', 'email_sha256'),
                P('body', c + 'userIdentifiers[1].hashedPhoneNumber', 'phone_sha256')]
    not_personal = [N('body', c + 'conversionDateTime'), N('body', c + 'conversionValue'),
                    N('body', c + 'currencyCode'), N('body', c + 'consent.adUserData'), N('body', 'partialFailure')]
    return req('google_ads_api_conversions', 'POST', 'googleads.googleapis.com',
               '/v22/customers/1234567890:uploadClickConversions', dict(GADS_HEADERS), j(body), personal,
               not_personal, '5 Google Ads API uploadClickConversions (REST JSON, hashed e-mail/phone)',
               inband={'advertising': 'granted'})


def gads_adjust():
    # Enhanced conversions for web: addressInfo names/street hashed, city/state/country/postal not hashed.
    body = {'conversionAdjustments': [{
        'conversionAction': 'customers/1234567890/conversionActions/987654321', 'adjustmentType': 'ENHANCEMENT',
        'orderId': 'ord-20240402-000731', 'adjustmentDateTime': '2024-04-02 10:25:00+02:00',
        'gclidDateTimePair': {'gclid': L.gclid, 'conversionDateTime': '2024-04-02 10:20:00+02:00'},
        'userIdentifiers': [
            {'userIdentifierSource': 'FIRST_PARTY', 'hashedEmail': sha256(EM)},
            {'userIdentifierSource': 'FIRST_PARTY', 'hashedPhoneNumber': sha256(PH_E164)},
            {'userIdentifierSource': 'FIRST_PARTY', 'addressInfo': {
                'hashedFirstName': sha256(FN), 'hashedLastName': sha256(LN), 'hashedStreetAddress': sha256(STREET),
                'city': L.city, 'state': L.region, 'countryCode': L.country, 'postalCode': L.postal}}],
        'userAgent': L.ua,
    }], 'partialFailure': True}
    c = 'conversionAdjustments[0].'
    a = c + 'userIdentifiers[2].addressInfo.'
    personal = [P('body', c + 'gclidDateTimePair.gclid', 'click_id'),
                P('body', c + 'userIdentifiers[0].hashedEmail', 'email_sha256'),
                P('body', c + 'userIdentifiers[1].hashedPhoneNumber', 'phone_sha256'),
                P('body', a + 'hashedFirstName', 'name_first'), P('body', a + 'hashedLastName', 'name_last'),
                P('body', a + 'hashedStreetAddress', 'street_address'), P('body', a + 'city', 'city'),
                P('body', a + 'state', 'region'), P('body', a + 'countryCode', 'country'),
                P('body', a + 'postalCode', 'postal_code'), P('body', c + 'userAgent', 'user_agent')]
    not_personal = [N('body', c + 'adjustmentType'), N('body', c + 'adjustmentDateTime'),
                    N('body', c + 'userIdentifiers[0].userIdentifierSource'), N('body', 'partialFailure')]
    return req('google_ads_api_conversions', 'POST', 'googleads.googleapis.com',
               '/v22/customers/1234567890:uploadConversionAdjustments', dict(GADS_HEADERS), j(body), personal,
               not_personal, '5 Google Ads API uploadConversionAdjustments (enhanced conversions, addressInfo)')


def data_manager():
    # encoding HEX; givenName/familyName hashed, regionCode (= country, CLDR region) and postalCode clear.
    body = {
        'destinations': [{'operatingAccount': {'accountType': 'GOOGLE_ADS', 'accountId': '1234567890'},
                          'productDestinationId': '987654321'}],
        'encoding': 'HEX',
        'events': [{
            'transactionId': 'ord-20240402-000731', 'eventTimestamp': ISO, 'conversionValue': 89.9, 'currency': 'EUR',
            'adIdentifiers': {'gclid': L.gclid, 'landingPageDeviceInfo': {'userAgent': L.ua, 'ipAddress': L.ip}},
            'userData': {'userIdentifiers': [
                {'emailAddress': sha256(EM)}, {'phoneNumber': sha256(PH_E164)},
                {'address': {'givenName': sha256(FN), 'familyName': sha256(LN), 'regionCode': L.country,
                             'postalCode': L.postal}}]},
            'consent': {'adUserData': 'CONSENT_GRANTED', 'adPersonalization': 'CONSENT_GRANTED'},
        }],
        'validateOnly': False,
    }
    e = 'events[0].'
    u = e + 'userData.userIdentifiers['
    personal = [P('body', e + 'adIdentifiers.gclid', 'click_id'),
                P('body', e + 'adIdentifiers.landingPageDeviceInfo.userAgent', 'user_agent'),
                P('body', e + 'adIdentifiers.landingPageDeviceInfo.ipAddress', 'ip_address'),
                P('body', u + '0].emailAddress', 'email_sha256'), P('body', u + '1].phoneNumber', 'phone_sha256'),
                P('body', u + '2].address.givenName', 'name_first'), P('body', u + '2].address.familyName', 'name_last'),
                P('body', u + '2].address.regionCode', 'country'), P('body', u + '2].address.postalCode', 'postal_code')]
    not_personal = [N('body', 'encoding'), N('body', e + 'eventTimestamp'), N('body', e + 'conversionValue'),
                    N('body', e + 'currency'), N('body', e + 'consent.adUserData'), N('body', 'validateOnly')]
    return req('google_data_manager_api', 'POST', 'datamanager.googleapis.com', '/v1/events:ingest',
               {'Content-Type': 'application/json', 'Authorization': 'Bearer FAKE_OAUTH_TOKEN'}, j(body),
               personal, not_personal, '5b Google Data Manager API events:ingest',
               inband={'advertising': 'granted', 'personalization': 'granted'})


# ---------------------------------------------------------------------------------------------------
# 6-13 ad-platform conversion APIs

def tiktok():
    # email/phone/external_id/first_name/last_name/zip_code hashed (trim+lower, phone E.164 with '+');
    # city/state/country, ip, user_agent, ttclid, ttp clear.
    u = 'data[0].user.'
    body = {'event_source': 'web', 'event_source_id': 'CQ8R3T5V7X9Z1B2D4F6H', 'data': [{
        'event': 'CompletePayment', 'event_time': T, 'event_id': 'ord-20240402-000731', 'limited_data_use': False,
        'user': {'email': sha256(EM), 'phone': sha256(PH_E164), 'external_id': sha256(XID),
                 'first_name': sha256(FN), 'last_name': sha256(LN), 'zip_code': sha256(ZP),
                 'city': CT, 'state': ST, 'country': CC, 'ip': L.ip, 'user_agent': L.ua,
                 'ttclid': L.ttclid, 'ttp': L.ttp},
        'properties': {'currency': 'EUR', 'value': 89.9, 'content_type': 'product',
                       'contents': [{'content_id': SKU, 'quantity': 1, 'price': 89.9}]},
        'page': {'url': SHOP + '/checkout/confirmation'},
    }]}
    personal = [P('body', u + 'email', 'email_sha256'), P('body', u + 'phone', 'phone_sha256'),
                P('body', u + 'external_id', 'user_id'), P('body', u + 'first_name', 'name_first'),
                P('body', u + 'last_name', 'name_last'), P('body', u + 'zip_code', 'postal_code'),
                P('body', u + 'city', 'city'), P('body', u + 'state', 'region'), P('body', u + 'country', 'country'),
                P('body', u + 'ip', 'ip_address'), P('body', u + 'user_agent', 'user_agent'),
                P('body', u + 'ttclid', 'click_id'), P('body', u + 'ttp', 'cookie_id')]
    not_personal = [N('body', 'event_source'), N('body', 'data[0].event'), N('body', 'data[0].event_time'),
                    N('body', 'data[0].limited_data_use'), N('body', 'data[0].properties.currency'),
                    N('body', 'data[0].properties.value'), N('body', 'data[0].properties.contents[0].content_id')]
    return req('tiktok_events_api', 'POST', 'business-api.tiktok.com', '/open_api/v1.3/event/track/',
               {'Content-Type': 'application/json', 'Access-Token': 'FAKE_ACCESS_TOKEN'}, j(body), personal,
               not_personal, '6 TikTok Events API 2.0 (event/track, web)')


def snapchat():
    # Snap hashes like Meta: em trim+lower, ph digits with country code (no 00/+/trunk 0).
    u = 'data[0].user_data.'
    body = {'data': [{
        'event_name': 'PURCHASE', 'event_time': T, 'event_id': 'ord-20240402-000731', 'action_source': 'WEB',
        'event_source_url': SHOP + '/checkout/confirmation',
        'user_data': {'em': [sha256(EM)], 'ph': [sha256(PH_DIGITS)], 'fn': [sha256(FN)], 'ln': [sha256(LN)],
                      'ge': [sha256(GE)], 'db': [sha256(DB)], 'ct': [sha256(CT)], 'st': [sha256(ST)],
                      'zp': [sha256(ZP)], 'country': [sha256(CC)], 'external_id': [sha256(XID)],
                      'client_ip_address': L.ip, 'client_user_agent': L.ua, 'sc_click_id': L.sc_click_id,
                      'sc_cookie1': L.scid},
        'custom_data': {'currency': 'EUR', 'value': 89.9, 'content_ids': [SKU], 'num_items': 1},
    }]}
    personal = [P('body', u + k + '[0]', c) for k, c in (
        ('em', 'email_sha256'), ('ph', 'phone_sha256'), ('fn', 'name_first'), ('ln', 'name_last'), ('ge', 'gender'),
        ('db', 'date_of_birth'), ('ct', 'city'), ('st', 'region'), ('zp', 'postal_code'), ('country', 'country'),
        ('external_id', 'user_id'))]
    personal += [P('body', u + 'client_ip_address', 'ip_address'), P('body', u + 'client_user_agent', 'user_agent'),
                 P('body', u + 'sc_click_id', 'click_id'), P('body', u + 'sc_cookie1', 'cookie_id')]
    not_personal = [N('body', 'data[0].event_name'), N('body', 'data[0].event_time'),
                    N('body', 'data[0].action_source'), N('body', 'data[0].custom_data.currency'),
                    N('body', 'data[0].custom_data.value'), N('body', 'data[0].custom_data.content_ids[0]')]
    return req('snapchat_capi', 'POST', 'tr.snapchat.com',
               '/v3/4b9d2e61-7a3c-4f8e-b0d5-19c7e3a5f2b8/events?access_token=FAKE_ACCESS_TOKEN', dict(JSON), j(body),
               personal, not_personal, '7 Snapchat Conversions API v3 (pixel events)')


def pinterest():
    # Arrays of SHA-256; em/ct/st/country/fn/ln/ge trim+lower, ph/zp digits only; click_id = _epik.
    u = 'data[0].user_data.'
    body = {'data': [{
        'event_name': 'checkout', 'action_source': 'web', 'event_time': T, 'event_id': 'ord-20240402-000731',
        'event_source_url': SHOP + '/checkout/confirmation', 'opt_out': False,
        'user_data': {'em': [sha256(EM)], 'ph': [sha256(PH_DIGITS)], 'fn': [sha256(FN)], 'ln': [sha256(LN)],
                      'ge': [sha256(GE)], 'db': [sha256(DB)], 'ct': [sha256(CT)], 'st': [sha256(ST)],
                      'zp': [sha256(ZP)], 'country': [sha256(CC)], 'external_id': [sha256(XID)],
                      'client_ip_address': L.ip, 'client_user_agent': L.ua, 'click_id': L.epik},
        'custom_data': {'currency': 'EUR', 'value': '89.90', 'content_ids': [SKU], 'num_items': 1},
    }]}
    personal = [P('body', u + k + '[0]', c) for k, c in (
        ('em', 'email_sha256'), ('ph', 'phone_sha256'), ('fn', 'name_first'), ('ln', 'name_last'), ('ge', 'gender'),
        ('db', 'date_of_birth'), ('ct', 'city'), ('st', 'region'), ('zp', 'postal_code'), ('country', 'country'),
        ('external_id', 'user_id'))]
    personal += [P('body', u + 'client_ip_address', 'ip_address'), P('body', u + 'client_user_agent', 'user_agent'),
                 P('body', u + 'click_id', 'click_id')]
    not_personal = [N('body', 'data[0].event_name'), N('body', 'data[0].action_source'),
                    N('body', 'data[0].event_time'), N('body', 'data[0].opt_out'),
                    N('body', 'data[0].custom_data.currency'), N('body', 'data[0].custom_data.value'),
                    N('body', 'data[0].custom_data.content_ids[0]')]
    return req('pinterest_capi', 'POST', 'api.pinterest.com', '/v5/ad_accounts/549755885175/events',
               {'Content-Type': 'application/json', 'Authorization': 'Bearer FAKE_CONVERSION_TOKEN'}, j(body),
               personal, not_personal, '8 Pinterest Conversions API v5')


LINKEDIN_HEADERS = {'Content-Type': 'application/json', 'Authorization': 'Bearer FAKE_ACCESS_TOKEN',
                    'LinkedIn-Version': '202404', 'X-Restli-Protocol-Version': '2.0.0'}


def _linkedin_event(p, event_id):
    return {'conversion': 'urn:lla:llaPartnerConversion:13579246', 'conversionHappenedAt': T_MS,
            'conversionValue': {'currencyCode': 'EUR', 'amount': '89.90'}, 'eventId': event_id,
            'user': {'userIds': [{'idType': 'SHA256_EMAIL', 'idValue': sha256(p.email.lower())},
                                 {'idType': 'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID', 'idValue': p.li_fat_id}],
                     'userInfo': {'firstName': p.first, 'lastName': p.last, 'countryCode': p.country}}}


def _linkedin_personal(prefix):
    return [P('body', prefix + 'user.userIds[0].idValue', 'email_sha256'),
            P('body', prefix + 'user.userIds[1].idValue', 'click_id'),
            P('body', prefix + 'user.userInfo.firstName', 'name_first'),
            P('body', prefix + 'user.userInfo.lastName', 'name_last'),
            P('body', prefix + 'user.userInfo.countryCode', 'country')]


def linkedin_single():
    not_personal = [N('body', 'conversionHappenedAt'), N('body', 'conversionValue.currencyCode'),
                    N('body', 'conversionValue.amount'), N('body', 'user.userIds[0].idType')]
    return req('linkedin_capi', 'POST', 'api.linkedin.com', '/rest/conversionEvents', dict(LINKEDIN_HEADERS),
               j(_linkedin_event(L, 'ord-20240402-000731')), _linkedin_personal(''), not_personal,
               '9 LinkedIn Conversions API, single event')


def linkedin_batch():
    headers = dict(LINKEDIN_HEADERS)
    headers['X-RestLi-Method'] = 'BATCH_CREATE'
    body = {'elements': [_linkedin_event(L, 'ord-20240402-000731'), _linkedin_event(D, 'ord-20240402-000732')]}
    not_personal = [N('body', 'elements[0].conversionHappenedAt'), N('body', 'elements[1].conversionValue.amount'),
                    N('body', 'elements[1].user.userIds[0].idType')]
    return req('linkedin_capi', 'POST', 'api.linkedin.com', '/rest/conversionEvents', headers, j(body),
               _linkedin_personal('elements[0].') + _linkedin_personal('elements[1].'), not_personal,
               '9 LinkedIn Conversions API, BATCH_CREATE {elements:[...]} with two people')


def reddit():
    # v3; e-mail and phone raw (stape sends raw; hashing optional/uncertain), uuid = _rdt_uuid cookie.
    e = 'data.events[0].'
    body = {'data': {'events': [{
        'event_at': T_MS, 'action_source': 'WEBSITE', 'click_id': L.rdt_cid,
        'type': {'tracking_type': 'Purchase'},
        'metadata': {'conversion_id': 'ord-20240402-000731', 'value': 89.9, 'currency': 'EUR', 'item_count': 1,
                     'products': [{'id': SKU, 'name': 'Trail running shoe', 'category': 'Shoes'}]},
        'user': {'email': L.email, 'phone_number': L.phone, 'external_id': L.user_id, 'ip_address': L.ip,
                 'user_agent': L.ua, 'uuid': L.rdt_uuid},
    }]}}
    personal = [P('body', e + 'click_id', 'click_id'), P('body', e + 'user.email', 'email'),
                P('body', e + 'user.phone_number', 'phone'), P('body', e + 'user.external_id', 'user_id'),
                P('body', e + 'user.ip_address', 'ip_address'), P('body', e + 'user.user_agent', 'user_agent'),
                P('body', e + 'user.uuid', 'cookie_id')]
    not_personal = [N('body', e + 'event_at'), N('body', e + 'action_source'), N('body', e + 'type.tracking_type'),
                    N('body', e + 'metadata.value'), N('body', e + 'metadata.currency'),
                    N('body', e + 'metadata.item_count'), N('body', e + 'metadata.products[0].id')]
    return req('reddit_capi', 'POST', 'ads-api.reddit.com', '/api/v3/pixels/a2_kq3n8z7v1x5c/conversion_events',
               {'Content-Type': 'application/json', 'Authorization': 'Bearer FAKE_CONVERSION_TOKEN'}, j(body),
               personal, not_personal, '10 Reddit Conversions API v3')


def x_conversions():
    # hashed_email trim+lower SHA-256, hashed_phone_number SHA-256 of E.164; ip + user_agent together, clear.
    c = 'conversions[0].'
    body = {'conversions': [{
        'conversion_time': ISO_MS, 'event_id': 'tw-o8z6j-o8z6k',
        'identifiers': [{'twclid': L.twclid}, {'hashed_email': sha256(EM)}, {'hashed_phone_number': sha256(PH_E164)},
                        {'ip_address': L.ip, 'user_agent': L.ua}],
        'conversion_id': 'ord-20240402-000731', 'number_items': 1, 'price_currency': 'EUR', 'value': 89.9,
        'contents': [{'content_id': SKU, 'content_price': 89.9, 'num_items': 1}],
    }]}
    personal = [P('body', c + 'identifiers[0].twclid', 'click_id'),
                P('body', c + 'identifiers[1].hashed_email', 'email_sha256'),
                P('body', c + 'identifiers[2].hashed_phone_number', 'phone_sha256'),
                P('body', c + 'identifiers[3].ip_address', 'ip_address'),
                P('body', c + 'identifiers[3].user_agent', 'user_agent')]
    not_personal = [N('body', c + 'conversion_time'), N('body', c + 'number_items'), N('body', c + 'price_currency'),
                    N('body', c + 'value'), N('body', c + 'contents[0].content_id')]
    auth = ('OAuth oauth_consumer_key="FAKE_CONSUMER_KEY", oauth_nonce="FAKE_NONCE", '
            'oauth_signature="FAKE_SIGNATURE", oauth_signature_method="HMAC-SHA1", oauth_timestamp="%d", '
            'oauth_token="FAKE_TOKEN", oauth_version="1.0"' % T)
    return req('x_conversions_api', 'POST', 'ads-api.x.com', '/12/measurement/conversions/o8z6j',
               {'Content-Type': 'application/json', 'Authorization': auth}, j(body), personal, not_personal,
               '11 X (Twitter) Conversions API')


def microsoft():
    # stape microsoft-capi-tag: e-mail local part without dots/+tag, phone without spaces/dashes
    # (keeps '+'), then SHA-256 of em, ph and externalId.
    u = 'data[0].userData.'
    body = {'data': [{
        'eventType': 'custom', 'eventName': 'purchase', 'eventId': 'ord-20240402-000731', 'eventTime': T,
        'eventSourceUrl': SHOP + '/checkout/confirmation', 'adStorageConsent': 'G',
        'userData': {'em': sha256(EM_MS), 'ph': sha256(PH_E164), 'externalId': sha256(XID),
                     'clientIpAddress': L.ip, 'clientUserAgent': L.ua, 'msclkid': L.msclkid,
                     'anonymousId': L.uet_vid},
        'customData': {'value': 89.9, 'currency': 'EUR', 'itemIds': [SKU], 'pageType': 'purchase',
                       'ecommTotalValue': 89.9},
    }]}
    personal = [P('body', u + 'em', 'email_sha256'), P('body', u + 'ph', 'phone_sha256'),
                P('body', u + 'externalId', 'user_id'), P('body', u + 'clientIpAddress', 'ip_address'),
                P('body', u + 'clientUserAgent', 'user_agent'), P('body', u + 'msclkid', 'click_id'),
                P('body', u + 'anonymousId', 'cookie_id')]
    not_personal = [N('body', 'data[0].eventType'), N('body', 'data[0].eventName'), N('body', 'data[0].eventTime'),
                    N('body', 'data[0].adStorageConsent'), N('body', 'data[0].customData.value'),
                    N('body', 'data[0].customData.currency'), N('body', 'data[0].customData.itemIds[0]')]
    return req('microsoft_uet_capi', 'POST', 'capi.uet.microsoft.com', '/v1/187012345/events',
               {'Content-Type': 'application/json', 'Authorization': 'Bearer FAKE_CAPI_TOKEN'}, j(body), personal,
               not_personal, '12 Microsoft Advertising UET Conversions API',
               inband={'advertising': 'granted'})


def criteo_s2s():
    # [mem, uncertain] S2S event feed: partner account, mapped user id, hashed e-mail (SHA-256).
    body = {'account': '48213', 'id': {'mapped_user_id': L.criteo_uid, 'mapping_key': 'acmeshop'},
            'site_type': 'd', 'ip': L.ip, 'full_url': SHOP + '/checkout/confirmation',
            'retailer_visitor_id': L.criteo_visitor,
            'events': [{'event': 'setEmail', 'hash_method': 'sha256', 'email': [sha256(EM)]},
                       {'event': 'trackTransaction', 'id': 'ord-20240402-000731', 'currency': 'EUR',
                        'item': [{'id': SKU, 'price': 89.9, 'quantity': 1}]}]}
    personal = [P('body', 'id.mapped_user_id', 'cookie_id', accept=['user_id']), P('body', 'ip', 'ip_address'),
                P('body', 'retailer_visitor_id', 'cookie_id'), P('body', 'events[0].email[0]', 'email_sha256')]
    not_personal = [N('body', 'site_type'), N('body', 'events[0].event'), N('body', 'events[0].hash_method'),
                    N('body', 'events[1].event'), N('body', 'events[1].currency'), N('body', 'events[1].item[0].id'),
                    N('body', 'events[1].item[0].price')]
    return req('criteo', 'POST', 'widget.criteo.com', '/m/event?version=s2s_v0', dict(JSON), j(body), personal,
               not_personal, '13 Criteo S2S event feed (undocumented, [mem] format)')


def criteo_audience():
    # Marketing API contact-list amendment (rudder criteo_audience / Segment action): SHA-256 e-mails.
    body = {'data': {'type': 'ContactlistAmendment', 'attributes': {
        'operation': 'add', 'identifierType': 'email', 'identifiers': [sha256(EM), sha256(D.email.lower())]}}}
    personal = [P('body', 'data.attributes.identifiers[0]', 'email_sha256'),
                P('body', 'data.attributes.identifiers[1]', 'email_sha256')]
    not_personal = [N('body', 'data.type'), N('body', 'data.attributes.operation'),
                    N('body', 'data.attributes.identifierType')]
    return req('criteo', 'PATCH', 'api.criteo.com', '/2022-10/audiences/7654321/contactlist',
               {'Content-Type': 'application/json', 'Authorization': 'Bearer FAKE_OAUTH_TOKEN'}, j(body), personal,
               not_personal, '13 Criteo Marketing API audience contact list (hashed e-mails, two people)')


# ---------------------------------------------------------------------------------------------------
# 14-17 CDPs

def segment_batch():
    lena_identify = {
        'type': 'identify', 'userId': L.user_id, 'anonymousId': L.seg_anon, 'messageId': 'msg-5b1e0c2a-0001',
        'timestamp': ISO_MS,
        'traits': {'email': L.email, 'phone': L.phone, 'firstName': L.first, 'lastName': L.last, 'name': L.full,
                   'gender': L.gender_word, 'birthday': L.dob,
                   'address': {'street': L.street, 'city': L.city, 'postalCode': L.postal, 'state': L.region_name,
                               'country': L.country_name},
                   'plan': 'premium'},
        'context': {'ip': L.ip, 'userAgent': L.ua, 'locale': 'de-DE',
                    'library': {'name': 'analytics-python', 'version': '2.3.2'}},
    }
    daniel_identify = {
        'type': 'identify', 'userId': D.user_id, 'anonymousId': D.seg_anon, 'messageId': 'msg-5b1e0c2a-0002',
        'timestamp': ISO_MS,
        'traits': {'email': D.email, 'phone': D.phone, 'firstName': D.first, 'lastName': D.last},
        'context': {'ip': D.ip, 'userAgent': D.ua, 'library': {'name': 'analytics-python', 'version': '2.3.2'}},
    }
    lena_track = {
        'type': 'track', 'event': 'Order Completed', 'userId': L.user_id, 'anonymousId': L.seg_anon,
        'messageId': 'msg-5b1e0c2a-0003', 'timestamp': ISO_MS,
        'properties': {'order_id': 'ord-20240402-000731', 'total': 89.9, 'currency': 'EUR',
                       'products': [{'product_id': SKU, 'sku': SKU, 'price': 89.9, 'quantity': 1}]},
        'context': {'ip': L.ip, 'userAgent': L.ua, 'location': {'latitude': L.lat, 'longitude': L.lng},
                    'consent': {'categoryPreferences': {'Advertising': True, 'Analytics': True}},
                    'library': {'name': 'analytics-python', 'version': '2.3.2'}},
    }
    body = {'batch': [lena_identify, daniel_identify, lena_track], 'sentAt': ISO_MS}
    b0, b1, b2 = 'batch[0].', 'batch[1].', 'batch[2].'
    personal = [
        P('body', b0 + 'userId', 'user_id'), P('body', b0 + 'anonymousId', 'cookie_id'),
        P('body', b0 + 'traits.email', 'email'), P('body', b0 + 'traits.phone', 'phone'),
        P('body', b0 + 'traits.firstName', 'name_first'), P('body', b0 + 'traits.lastName', 'name_last'),
        P('body', b0 + 'traits.name', 'name_full'), P('body', b0 + 'traits.gender', 'gender'),
        P('body', b0 + 'traits.birthday', 'date_of_birth'), P('body', b0 + 'traits.address.street', 'street_address'),
        P('body', b0 + 'traits.address.city', 'city'), P('body', b0 + 'traits.address.postalCode', 'postal_code'),
        P('body', b0 + 'traits.address.state', 'region'), P('body', b0 + 'traits.address.country', 'country'),
        P('body', b0 + 'context.ip', 'ip_address'), P('body', b0 + 'context.userAgent', 'user_agent'),
        P('body', b1 + 'userId', 'user_id'), P('body', b1 + 'anonymousId', 'cookie_id'),
        P('body', b1 + 'traits.email', 'email'), P('body', b1 + 'traits.phone', 'phone'),
        P('body', b1 + 'traits.firstName', 'name_first'), P('body', b1 + 'traits.lastName', 'name_last'),
        P('body', b1 + 'context.ip', 'ip_address'), P('body', b1 + 'context.userAgent', 'user_agent'),
        P('body', b2 + 'userId', 'user_id'), P('body', b2 + 'anonymousId', 'cookie_id'),
        P('body', b2 + 'context.ip', 'ip_address'), P('body', b2 + 'context.userAgent', 'user_agent'),
        P('body', b2 + 'context.location.latitude', 'geolocation'),
        P('body', b2 + 'context.location.longitude', 'geolocation'),
    ]
    not_personal = [N('body', b0 + 'type'), N('body', b0 + 'traits.plan'), N('body', b2 + 'event'),
                    N('body', b2 + 'properties.total'), N('body', b2 + 'properties.currency'),
                    N('body', b2 + 'properties.products[0].sku'),
                    N('body', b2 + 'context.consent.categoryPreferences.Advertising'), N('body', 'sentAt')]
    return req('segment', 'POST', 'api.segment.io', '/v1/batch',
               {'Content-Type': 'application/json', 'Authorization': basic('FAKE_WRITE_KEY')}, j(body), personal,
               not_personal, '14 Segment HTTP Tracking API /v1/batch (identify x2 + track, two people)',
               inband={'advertising': 'granted', 'analytics': 'granted'})


def rudderstack():
    body = {'type': 'track', 'event': 'Order Completed', 'userId': L.user_id, 'anonymousId': L.seg_anon,
            'messageId': 'msg-7c3d9e1f-0001', 'originalTimestamp': ISO_MS, 'sentAt': ISO_MS,
            'properties': {'revenue': 89.9, 'currency': 'EUR', 'products': [{'sku': SKU, 'price': 89.9, 'quantity': 1}]},
            'context': {'ip': L.ip, 'userAgent': L.ua, 'traits': {'email': L.email, 'phone': L.phone},
                        'consentManagement': {'provider': 'oneTrust', 'allowedConsentIds': ['C0001', 'C0002', 'C0004'],
                                              'deniedConsentIds': ['C0003'], 'resolutionStrategy': 'and'}}}
    personal = [P('body', 'userId', 'user_id'), P('body', 'anonymousId', 'cookie_id'),
                P('body', 'context.ip', 'ip_address'), P('body', 'context.userAgent', 'user_agent'),
                P('body', 'context.traits.email', 'email'), P('body', 'context.traits.phone', 'phone')]
    not_personal = [N('body', 'type'), N('body', 'event'), N('body', 'properties.revenue'),
                    N('body', 'properties.currency'), N('body', 'properties.products[0].sku'),
                    N('body', 'context.consentManagement.provider'),
                    N('body', 'context.consentManagement.allowedConsentIds[0]')]
    return req('rudderstack', 'POST', 'acmeshopq7z.dataplane.rudderstack.com', '/v1/track',
               {'Content-Type': 'application/json', 'Authorization': basic('FAKE_WRITE_KEY')}, j(body), personal,
               not_personal, '15 RudderStack HTTP API /v1/track (Segment spec + consentManagement)',
               inband={'analytics': 'granted', 'advertising': 'granted'})


def mparticle():
    body = {
        'environment': 'production', 'schema_version': 2, 'ip': L.ip,
        'user_identities': {'customer_id': L.user_id, 'email': L.email, 'mobile_number': L.phone},
        'user_attributes': {'$FirstName': L.first, '$LastName': L.last, '$City': L.city, '$Zip': L.postal,
                            '$Country': L.country, '$Gender': L.gender_upper, 'loyalty_tier': 'gold'},
        'device_info': {'ios_advertising_id': L.idfa, 'ios_idfv': L.idfv},
        'consent_state': {'gdpr': {'marketing': {'consented': True, 'document': 'privacy_policy_v3',
                                                 'timestamp_unixtime_ms': T_MS - 100000, 'hardware_id': L.idfa}}},
        'events': [{'event_type': 'custom_event', 'data': {
            'event_name': 'Purchase', 'custom_event_type': 'transaction', 'timestamp_unixtime_ms': T_MS,
            'custom_attributes': {'value': '89.90', 'currency': 'EUR'}}}],
    }
    personal = [P('body', 'ip', 'ip_address'), P('body', 'user_identities.customer_id', 'user_id'),
                P('body', 'user_identities.email', 'email'), P('body', 'user_identities.mobile_number', 'phone'),
                P('body', 'user_attributes.$FirstName', 'name_first'), P('body', 'user_attributes.$LastName', 'name_last'),
                P('body', 'user_attributes.$City', 'city'), P('body', 'user_attributes.$Zip', 'postal_code'),
                P('body', 'user_attributes.$Country', 'country'), P('body', 'user_attributes.$Gender', 'gender'),
                P('body', 'device_info.ios_advertising_id', 'device_id'), P('body', 'device_info.ios_idfv', 'device_id'),
                P('body', 'consent_state.gdpr.marketing.hardware_id', 'device_id')]
    not_personal = [N('body', 'environment'), N('body', 'user_attributes.loyalty_tier'),
                    N('body', 'consent_state.gdpr.marketing.consented'), N('body', 'events[0].event_type'),
                    N('body', 'events[0].data.event_name'), N('body', 'events[0].data.custom_attributes.value'),
                    N('body', 'events[0].data.custom_attributes.currency')]
    return req('mparticle', 'POST', 's2s.eu1.mparticle.com', '/v2/events',
               {'Content-Type': 'application/json', 'Authorization': basic('FAKE_KEY', 'FAKE_SECRET')}, j(body),
               personal, not_personal, '16 mParticle Events API /v2/events (with consent_state)',
               inband={'marketing': 'granted'})


def tealium():
    body = {'tealium_account': 'acmeshop', 'tealium_profile': 'main', 'tealium_datasource': 'q7z3k1',
            'tealium_event': 'purchase', 'tealium_visitor_id': L.tealium_vid, 'customer_id': L.user_id,
            'customer_email': L.email, 'customer_city': L.city, 'order_total': '89.90', 'order_currency': 'EUR',
            'product_id': [SKU], 'product_quantity': ['1']}
    personal = [P('body', 'tealium_visitor_id', 'cookie_id'), P('body', 'customer_id', 'user_id'),
                P('body', 'customer_email', 'email'), P('body', 'customer_city', 'city')]
    not_personal = [N('body', 'tealium_event'), N('body', 'order_total'), N('body', 'order_currency'),
                    N('body', 'product_id[0]')]
    return req('tealium', 'POST', 'collect.tealiumiq.com', '/event', dict(JSON), j(body), personal, not_personal,
               '17 Tealium Collect HTTP API /event (JSON)')


# ---------------------------------------------------------------------------------------------------
# 18-22 analytics

def mixpanel_track():
    # mixpanel-python: form body data=<JSON array>&verbose=1&ip=0 (ip=0: do not geolocate the sender).
    data = [{'event': 'Order Completed', 'properties': {
        'token': 'FAKE_PROJECT_TOKEN', 'distinct_id': L.user_id, '$user_id': L.user_id, '$device_id': L.mp_device,
        'time': T_MS, '$insert_id': 'ins-2f4a6c8e0b1d', 'mp_lib': 'python', '$lib_version': '4.10.1',
        'ip': L.ip, 'revenue': 89.9, 'currency': 'EUR', 'sku': SKU}}]
    p = 'data#json[0].properties.'
    personal = [P('body', p + 'distinct_id', 'user_id', accept=['cookie_id']), P('body', p + '$user_id', 'user_id'),
                P('body', p + '$device_id', 'cookie_id', accept=['device_id']), P('body', p + 'ip', 'ip_address')]
    not_personal = [N('body', 'data#json[0].event'), N('body', p + 'time'), N('body', p + 'mp_lib'),
                    N('body', p + 'revenue'), N('body', p + 'currency'), N('body', p + 'sku'),
                    N('body', 'verbose'), N('body', 'ip')]
    return req('mixpanel', 'POST', 'api-eu.mixpanel.com', '/track', dict(FORM),
               form([('data', js(data)), ('verbose', '1'), ('ip', '0')]), personal, not_personal,
               '18 Mixpanel /track, form body data=<JSON array> (mixpanel-python)')


def mixpanel_engage():
    # Legacy encoding: data=<base64 JSON array> (profile update with $set).
    data = [{'$token': 'FAKE_PROJECT_TOKEN', '$distinct_id': L.user_id, '$ip': L.ip, '$set': {
        '$email': L.email, '$phone': L.phone, '$first_name': L.first, '$last_name': L.last, '$name': L.full,
        '$city': L.city, '$region': L.region_name, '$country_code': L.country, 'plan': 'premium'}}]
    s = 'data#b64[0].$set.'
    personal = [P('body', 'data#b64[0].$distinct_id', 'user_id', accept=['cookie_id']), P('body', 'data#b64[0].$ip', 'ip_address'),
                P('body', s + '$email', 'email'), P('body', s + '$phone', 'phone'),
                P('body', s + '$first_name', 'name_first'), P('body', s + '$last_name', 'name_last'),
                P('body', s + '$name', 'name_full'), P('body', s + '$city', 'city'), P('body', s + '$region', 'region'),
                P('body', s + '$country_code', 'country')]
    not_personal = [N('body', s + 'plan'), N('body', 'verbose')]
    return req('mixpanel', 'POST', 'api-eu.mixpanel.com', '/engage', dict(FORM),
               form([('data', b64(data)), ('verbose', '1')]), personal, not_personal,
               '18 Mixpanel /engage, legacy form body data=<base64 JSON array> ($set profile)')


def amplitude_http():
    e = 'events[0].'
    body = {'api_key': 'FAKE_API_KEY', 'events': [{
        'user_id': L.user_id, 'device_id': L.amp_device, 'event_type': 'Order Completed', 'time': T_MS,
        'insert_id': 'ins-8b0d2f4a6c1e', 'session_id': 1712045012000, 'platform': 'Web', 'os_name': 'Chrome',
        'os_version': '124', 'ip': L.ip, 'country': L.country_name, 'region': L.region_name, 'city': L.city,
        'location_lat': L.lat, 'location_lng': L.lng, 'price': 89.9, 'quantity': 1, 'revenue': 89.9,
        'productId': SKU, 'event_properties': {'currency': 'EUR'},
        'user_properties': {'email': L.email, 'plan': 'premium'}}], 'options': {'min_id_length': 5}}
    personal = [P('body', e + 'user_id', 'user_id'), P('body', e + 'device_id', 'cookie_id', accept=['device_id']),
                P('body', e + 'ip', 'ip_address'), P('body', e + 'country', 'country'),
                P('body', e + 'region', 'region'), P('body', e + 'city', 'city'),
                P('body', e + 'location_lat', 'geolocation'), P('body', e + 'location_lng', 'geolocation'),
                P('body', e + 'user_properties.email', 'email')]
    not_personal = [N('body', e + 'event_type'), N('body', e + 'time'), N('body', e + 'platform'),
                    N('body', e + 'price'), N('body', e + 'quantity'), N('body', e + 'revenue'),
                    N('body', e + 'productId'), N('body', e + 'event_properties.currency'),
                    N('body', 'options.min_id_length')]
    return req('amplitude', 'POST', 'api.eu.amplitude.com', '/2/httpapi', dict(JSON), j(body), personal, not_personal,
               '19 Amplitude HTTP V2 API (EU host)')


def amplitude_identify():
    # Identify API: form body api_key=...&identification=<JSON array>.
    ident = [{'user_id': L.user_id, 'device_id': L.amp_device, 'user_properties': {'$set': {
        'email': L.email, 'first_name': L.first, 'last_name': L.last, 'city': L.city, 'plan': 'premium'}}}]
    s = 'identification#json[0].user_properties.$set.'
    personal = [P('body', 'identification#json[0].user_id', 'user_id'),
                P('body', 'identification#json[0].device_id', 'cookie_id', accept=['device_id']),
                P('body', s + 'email', 'email'), P('body', s + 'first_name', 'name_first'),
                P('body', s + 'last_name', 'name_last'), P('body', s + 'city', 'city')]
    not_personal = [N('body', s + 'plan')]
    return req('amplitude', 'POST', 'api2.amplitude.com', '/identify', dict(FORM),
               form([('api_key', 'FAKE_API_KEY'), ('identification', js(ident))]), personal, not_personal,
               '19 Amplitude Identify API, form body identification=<JSON array>')


def posthog_batch():
    # posthog-python /batch/ with gzip on (Content-Encoding: gzip); paths are those of the decoded JSON.
    body = {'api_key': 'phc_FAKE_PROJECT_TOKEN', 'historical_migration': False, 'batch': [
        {'event': '$identify', 'distinct_id': L.user_id, 'timestamp': ISO, 'uuid': '018ec3b6-0000-7000-8000-000000000001',
         'properties': {'$anon_distinct_id': L.ph_anon, '$set': {'email': L.email, 'name': L.full},
                        '$lib': 'posthog-python', '$lib_version': '3.5.0'}},
        {'event': 'order completed', 'distinct_id': L.user_id, 'timestamp': ISO,
         'uuid': '018ec3b6-0000-7000-8000-000000000002',
         'properties': {'$ip': L.ip, 'amount': 89.9, 'currency': 'EUR', 'sku': SKU,
                        '$lib': 'posthog-python', '$lib_version': '3.5.0'}}]}
    personal = [P('body', 'batch[0].distinct_id', 'user_id', accept=['cookie_id']),
                P('body', 'batch[0].properties.$anon_distinct_id', 'cookie_id'),
                P('body', 'batch[0].properties.$set.email', 'email'), P('body', 'batch[0].properties.$set.name', 'name_full'),
                P('body', 'batch[1].distinct_id', 'user_id', accept=['cookie_id']), P('body', 'batch[1].properties.$ip', 'ip_address')]
    not_personal = [N('body', 'historical_migration'), N('body', 'batch[0].event'), N('body', 'batch[1].event'),
                    N('body', 'batch[1].properties.amount'), N('body', 'batch[1].properties.currency'),
                    N('body', 'batch[1].properties.$lib')]
    return req('posthog', 'POST', 'eu.i.posthog.com', '/batch/',
               {'Content-Type': 'application/json', 'Content-Encoding': 'gzip'},
               gzip.compress(j(body), mtime=0), personal, not_personal,
               '20 PostHog /batch/ (posthog-python, gzip-compressed JSON)')


def posthog_capture():
    body = {'api_key': 'phc_FAKE_PROJECT_TOKEN', 'event': '$pageview', 'distinct_id': L.ph_anon, 'timestamp': ISO,
            'properties': {'$ip': L.ip6, '$device_id': L.ph_anon, '$current_url': SHOP + '/product/trail-shoe',
                           '$process_person_profile': False}}
    personal = [P('body', 'distinct_id', 'cookie_id'), P('body', 'properties.$ip', 'ip_address'),
                P('body', 'properties.$device_id', 'cookie_id', accept=['device_id'])]
    not_personal = [N('body', 'event'), N('body', 'properties.$process_person_profile')]
    return req('posthog', 'POST', 'eu.i.posthog.com', '/capture/', dict(JSON), j(body), personal, not_personal,
               '20 PostHog /capture/ single event, anonymous (uncompressed JSON)')


def heap_track():
    # identity here is the e-mail address (common Heap usage), so its category is email.
    body = {'app_id': '1234567890', 'identity': L.email, 'event': 'Purchase', 'timestamp': ISO,
            'idempotency_key': 'ord-20240402-000731',
            'properties': {'value': 89.9, 'currency': 'EUR', 'sku': SKU}}
    personal = [P('body', 'identity', 'email')]
    not_personal = [N('body', 'event'), N('body', 'timestamp'), N('body', 'properties.value'),
                    N('body', 'properties.currency'), N('body', 'properties.sku')]
    return req('heap', 'POST', 'heapanalytics.com', '/api/track', dict(JSON), j(body), personal, not_personal,
               '21 Heap server-side /api/track (identity = e-mail)')


def heap_user_props():
    body = {'app_id': '1234567890', 'identity': L.user_id,
            'properties': {'email': L.email, 'first_name': L.first, 'city': L.city, 'plan': 'premium'}}
    personal = [P('body', 'identity', 'user_id'), P('body', 'properties.email', 'email'),
                P('body', 'properties.first_name', 'name_first'), P('body', 'properties.city', 'city')]
    not_personal = [N('body', 'properties.plan')]
    return req('heap', 'POST', 'c.eu.heap-api.com', '/api/add_user_properties', dict(JSON), j(body), personal,
               not_personal, '21 Heap /api/add_user_properties (identity = CRM id, EU host)')


SNOWPLOW_HOST = 'com-acmeshop-prod1.collector.snplow.net'   # Snowplow BDP collector naming [mem]; any host works


def snowplow_get():
    ue = {'schema': 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0',
          'data': {'schema': 'iglu:com.acmeshop/checkout_completed/jsonschema/1-0-0',
                   'data': {'email': L.email, 'order_total': 89.9, 'currency': 'EUR'}}}
    cx = {'schema': 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1',
          'data': [{'schema': 'iglu:com.snowplowanalytics.snowplow/geolocation_context/jsonschema/1-1-0',
                    'data': {'latitude': L.lat, 'longitude': L.lng}}]}
    q = [('e', 'ue'), ('aid', 'acmeshop'), ('p', 'srv'), ('tv', 'py-1.0.0'), ('eid', '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b'),
         ('dtm', str(T_MS)), ('stm', str(T_MS + 120)), ('uid', L.user_id), ('duid', L.sp_duid),
         ('tnuid', L.sp_nuid), ('sid', '0e9c8b7a-6d5c-4b3a-9f8e-7d6c5b4a3f2e'), ('vid', '3'), ('ip', L.ip),
         ('ua', L.ua), ('url', SHOP + '/checkout/confirmation'), ('lang', 'de-DE'), ('ue_px', b64url(ue)),
         ('cx', b64url(cx))]
    personal = [P('query', 'uid', 'user_id'), P('query', 'duid', 'cookie_id'), P('query', 'tnuid', 'cookie_id'),
                P('query', 'ip', 'ip_address'), P('query', 'ua', 'user_agent'),
                P('query', 'ue_px#b64.data.data.email', 'email'),
                P('query', 'cx#b64.data[0].data.latitude', 'geolocation'),
                P('query', 'cx#b64.data[0].data.longitude', 'geolocation')]
    not_personal = [N('query', 'e'), N('query', 'p'), N('query', 'tv'), N('query', 'dtm'), N('query', 'stm'),
                    N('query', 'ue_px#b64.data.data.order_total'), N('query', 'ue_px#b64.data.data.currency')]
    # Not attributed: the collector host is the customer's and `/i` is too common a path to name Snowplow
    # by itself (the catalog knows Snowplow by its POST path only); the forward is an unknown recipient.
    return req(None, 'GET', SNOWPLOW_HOST, qs('/i', q), {}, b'', personal, not_personal,
               '22 Snowplow GET /i query string, ue_px and cx base64url JSON')


def snowplow_post():
    ue_pr = {'schema': 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0',
             'data': {'schema': 'iglu:com.acmeshop/newsletter_signup/jsonschema/1-0-0',
                      'data': {'email': L.email, 'phone': L.phone, 'list': 'weekly'}}}
    co = {'schema': 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1',
          'data': [{'schema': 'iglu:com.snowplowanalytics.snowplow/geolocation_context/jsonschema/1-1-0',
                    'data': {'latitude': L.lat, 'longitude': L.lng}}]}
    body = {'schema': 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4', 'data': [{
        'e': 'ue', 'aid': 'acmeshop', 'p': 'srv', 'tv': 'py-1.0.0', 'eid': '7a2d3c4b-5e6f-4a70-8b9c-0d1e2f3a4b5c',
        'dtm': str(T_MS), 'stm': str(T_MS + 150), 'uid': L.user_id, 'duid': L.sp_duid, 'ip': L.ip, 'ua': L.ua,
        'ue_pr': js(ue_pr), 'co': js(co)}]}
    d = 'data[0].'
    personal = [P('body', d + 'uid', 'user_id'), P('body', d + 'duid', 'cookie_id'), P('body', d + 'ip', 'ip_address'),
                P('body', d + 'ua', 'user_agent'), P('body', d + 'ue_pr#json.data.data.email', 'email'),
                P('body', d + 'ue_pr#json.data.data.phone', 'phone'),
                P('body', d + 'co#json.data[0].data.latitude', 'geolocation'),
                P('body', d + 'co#json.data[0].data.longitude', 'geolocation')]
    not_personal = [N('body', d + 'e'), N('body', d + 'p'), N('body', d + 'tv'), N('body', d + 'dtm'),
                    N('body', d + 'ue_pr#json.data.data.list')]
    return req('snowplow', 'POST', SNOWPLOW_HOST, '/com.snowplowanalytics.snowplow/tp2',
               {'Content-Type': 'application/json; charset=utf-8'}, j(body), personal, not_personal,
               '22 Snowplow POST /com.snowplowanalytics.snowplow/tp2, ue_pr and co JSON strings')


# ---------------------------------------------------------------------------------------------------
# 23-28 CRM / marketing

def klaviyo():
    body = {'data': {'type': 'event', 'attributes': {
        'properties': {'OrderId': 'ord-20240402-000731', 'ItemNames': ['Trail running shoe'], 'Categories': ['Shoes']},
        'time': ISO, 'value': 89.9, 'value_currency': 'EUR', 'unique_id': 'ord-20240402-000731',
        'metric': {'data': {'type': 'metric', 'attributes': {'name': 'Placed Order'}}},
        'profile': {'data': {'type': 'profile', 'attributes': {
            'email': L.email, 'phone_number': L.phone, 'external_id': L.user_id, 'first_name': L.first,
            'last_name': L.last,
            'location': {'address1': L.street, 'city': L.city, 'country': L.country_name, 'region': L.region_name,
                         'zip': L.postal, 'ip': L.ip}}}},
    }}}
    a = 'data.attributes.profile.data.attributes.'
    personal = [P('body', a + 'email', 'email'), P('body', a + 'phone_number', 'phone'),
                P('body', a + 'external_id', 'user_id'), P('body', a + 'first_name', 'name_first'),
                P('body', a + 'last_name', 'name_last'), P('body', a + 'location.address1', 'street_address'),
                P('body', a + 'location.city', 'city'), P('body', a + 'location.country', 'country'),
                P('body', a + 'location.region', 'region'), P('body', a + 'location.zip', 'postal_code'),
                P('body', a + 'location.ip', 'ip_address')]
    not_personal = [N('body', 'data.type'), N('body', 'data.attributes.time'), N('body', 'data.attributes.value'),
                    N('body', 'data.attributes.value_currency'),
                    N('body', 'data.attributes.metric.data.attributes.name')]
    return req('klaviyo', 'POST', 'a.klaviyo.com', '/api/events',
               {'Content-Type': 'application/vnd.api+json', 'Accept': 'application/vnd.api+json',
                'Authorization': 'Klaviyo-API-Key pk_FAKE_PRIVATE_KEY', 'revision': '2024-10-15'}, j(body),
               personal, not_personal, '23 Klaviyo Events API (JSON:API, revision header)')


def braze():
    body = {
        'attributes': [{'external_id': L.user_id, 'email': L.email, 'phone': L.phone, 'first_name': L.first,
                        'last_name': L.last, 'dob': L.dob, 'gender': L.gender_upper, 'country': L.country,
                        'home_city': L.city, 'email_subscribe': 'opted_in'}],
        'events': [{'external_id': L.user_id, 'name': 'checkout_completed', 'time': ISO,
                    'properties': {'value': 89.9, 'currency': 'EUR'}}],
        'purchases': [{'external_id': L.user_id, 'product_id': SKU, 'currency': 'EUR', 'price': 89.9,
                       'quantity': 1, 'time': ISO}],
    }
    a = 'attributes[0].'
    personal = [P('body', a + 'external_id', 'user_id'), P('body', a + 'email', 'email'), P('body', a + 'phone', 'phone'),
                P('body', a + 'first_name', 'name_first'), P('body', a + 'last_name', 'name_last'),
                P('body', a + 'dob', 'date_of_birth'), P('body', a + 'gender', 'gender'),
                P('body', a + 'country', 'country'), P('body', a + 'home_city', 'city'),
                P('body', 'events[0].external_id', 'user_id'), P('body', 'purchases[0].external_id', 'user_id')]
    not_personal = [N('body', a + 'email_subscribe'), N('body', 'events[0].name'), N('body', 'events[0].time'),
                    N('body', 'purchases[0].product_id'), N('body', 'purchases[0].currency'),
                    N('body', 'purchases[0].price'), N('body', 'purchases[0].quantity')]
    return req('braze', 'POST', 'rest.fra-02.braze.eu', '/users/track',
               {'Content-Type': 'application/json', 'Authorization': 'Bearer FAKE_REST_API_KEY'}, j(body), personal,
               not_personal, '24 Braze /users/track (attributes, events, purchases; EU instance)',
               inband={'marketing': 'granted'})


HUBSPOT_JSON_AUTH = {'Content-Type': 'application/json', 'Authorization': 'Bearer FAKE_PRIVATE_APP_TOKEN'}


def hubspot_events():
    body = {'eventName': 'pe12345678_order_completed', 'email': L.email, 'utk': L.hutk, 'occurredAt': ISO,
            'properties': {'order_total': '89.90', 'currency': 'EUR', 'sku': SKU}}
    personal = [P('body', 'email', 'email'), P('body', 'utk', 'cookie_id')]
    not_personal = [N('body', 'occurredAt'), N('body', 'properties.order_total'), N('body', 'properties.currency'),
                    N('body', 'properties.sku')]
    return req('hubspot', 'POST', 'api.hubapi.com', '/events/v3/send', dict(HUBSPOT_JSON_AUTH), j(body), personal,
               not_personal, '25 HubSpot custom behavioral events /events/v3/send')


def hubspot_form():
    body = {'submittedAt': str(T_MS),
            'fields': [{'objectTypeId': '0-1', 'name': 'email', 'value': L.email},
                       {'objectTypeId': '0-1', 'name': 'firstname', 'value': L.first},
                       {'objectTypeId': '0-1', 'name': 'lastname', 'value': L.last},
                       {'objectTypeId': '0-1', 'name': 'phone', 'value': L.phone}],
            'context': {'hutk': L.hutk, 'pageUri': SHOP + '/newsletter', 'pageName': 'Newsletter', 'ipAddress': L.ip},
            'legalConsentOptions': {'consent': {
                'consentToProcess': True, 'text': 'I agree to allow Acme Shop to store and process my personal data.',
                'communications': [{'value': True, 'subscriptionTypeId': 999,
                                    'text': 'I agree to receive marketing communications from Acme Shop.'}]}}}
    personal = [P('body', 'fields[0].value', 'email'), P('body', 'fields[1].value', 'name_first'),
                P('body', 'fields[2].value', 'name_last'), P('body', 'fields[3].value', 'phone'),
                P('body', 'context.hutk', 'cookie_id'), P('body', 'context.ipAddress', 'ip_address')]
    not_personal = [N('body', 'submittedAt'), N('body', 'fields[0].name'), N('body', 'fields[0].objectTypeId'),
                    N('body', 'legalConsentOptions.consent.consentToProcess'),
                    N('body', 'legalConsentOptions.consent.communications[0].value')]
    return req('hubspot', 'POST', 'api.hsforms.com',
               '/submissions/v3/integration/submit/62515/3f7d9b1e-5c2a-4e8f-a6b0-d4c2e8f0a1b3', dict(JSON), j(body),
               personal, not_personal, '25 HubSpot Forms submission API (fields[], context, legalConsentOptions)',
               inband={'marketing': 'granted'})


def hubspot_legacy():
    q = [('_a', '62515'), ('_n', '000000001625'), ('email', L.email), ('_m', '89.90')]
    personal = [P('query', 'email', 'email')]
    not_personal = [N('query', '_m')]
    return req('hubspot', 'GET', 'track.hubspot.com', qs('/v1/event', q), {}, b'', personal, not_personal,
               '25 HubSpot legacy HTTP events API GET /v1/event (e-mail in the query string)')


def customerio_event():
    # Track API v1 anonymous event. (The identified PUT /api/v1/customers/{id} puts the user id in the
    # URL path, which the field notation has no location for.)
    body = {'name': 'viewed_product', 'anonymous_id': L.cio_anon, 'timestamp': T,
            'data': {'sku': SKU, 'price': 89.9, 'currency': 'EUR'}}
    personal = [P('body', 'anonymous_id', 'cookie_id')]
    not_personal = [N('body', 'name'), N('body', 'timestamp'), N('body', 'data.sku'), N('body', 'data.price'),
                    N('body', 'data.currency')]
    return req('customerio', 'POST', 'track-eu.customer.io', '/api/v1/events',
               {'Content-Type': 'application/json', 'Authorization': basic('FAKE_SITE_ID', 'FAKE_API_KEY')}, j(body),
               personal, not_personal, '26 Customer.io Track API v1 /api/v1/events (anonymous event, EU host)')


def customerio_cdp():
    body = {'type': 'identify', 'userId': L.user_id, 'anonymousId': L.cio_anon, 'messageId': 'msg-9e1f3a5c-0001',
            'timestamp': ISO_MS,
            'traits': {'email': L.email, 'first_name': L.first, 'last_name': L.last, 'phone': L.phone,
                       'plan': 'premium'},
            'context': {'ip': L.ip}}
    personal = [P('body', 'userId', 'user_id'), P('body', 'anonymousId', 'cookie_id'), P('body', 'traits.email', 'email'),
                P('body', 'traits.first_name', 'name_first'), P('body', 'traits.last_name', 'name_last'),
                P('body', 'traits.phone', 'phone'), P('body', 'context.ip', 'ip_address')]
    not_personal = [N('body', 'type'), N('body', 'traits.plan')]
    return req('customerio', 'POST', 'cdp-eu.customer.io', '/v1/identify',
               {'Content-Type': 'application/json', 'Authorization': basic('FAKE_CDP_API_KEY')}, j(body), personal,
               not_personal, '26 Customer.io Data Pipelines /v1/identify (Segment-compatible, EU host)')


def iterable():
    body = {'email': L.email, 'userId': L.user_id, 'eventName': 'orderCompleted', 'createdAt': T,
            'dataFields': {'total': 89.9, 'currency': 'EUR', 'sku': SKU}}
    personal = [P('body', 'email', 'email'), P('body', 'userId', 'user_id')]
    not_personal = [N('body', 'eventName'), N('body', 'createdAt'), N('body', 'dataFields.total'),
                    N('body', 'dataFields.currency'), N('body', 'dataFields.sku')]
    return req('iterable', 'POST', 'api.eu.iterable.com', '/api/events/track',
               {'Content-Type': 'application/json', 'Api-Key': 'FAKE_API_KEY'}, j(body), personal, not_personal,
               '27 Iterable /api/events/track (EU host)')


def intercom():
    body = {'event_name': 'placed-order', 'created_at': T, 'user_id': L.user_id, 'email': L.email,
            'metadata': {'item_count': 1, 'price': {'amount': 8990, 'currency': 'eur'}}}
    personal = [P('body', 'user_id', 'user_id'), P('body', 'email', 'email')]
    not_personal = [N('body', 'event_name'), N('body', 'created_at'), N('body', 'metadata.item_count'),
                    N('body', 'metadata.price.amount'), N('body', 'metadata.price.currency')]
    return req('intercom', 'POST', 'api.eu.intercom.io', '/events',
               {'Content-Type': 'application/json', 'Accept': 'application/json',
                'Authorization': 'Bearer FAKE_ACCESS_TOKEN', 'Intercom-Version': '2.11'}, j(body), personal,
               not_personal, '28 Intercom Data Events API /events (EU host)')


# ---------------------------------------------------------------------------------------------------
# 29-32 analytics (Adobe, Matomo, Plausible, Piwik PRO)

def adobe_get():
    # Image-request (GET) form of Data Insertion; eVar1 (v1) carries the CRM user id.
    q = [('AQB', '1'), ('ndh', '1'), ('vid', L.adobe_vid), ('mid', L.adobe_ecid), ('pageName', 'checkout:confirmation'),
         ('g', SHOP + '/checkout/confirmation'), ('events', 'purchase'), ('products', ';%s;1;89.90' % SKU),
         ('purchaseID', 'ord-20240402-000731'), ('cc', 'EUR'), ('v1', L.user_id), ('AQE', '1')]
    personal = [P('query', 'vid', 'cookie_id'), P('query', 'mid', 'cookie_id'), P('query', 'v1', 'user_id')]
    not_personal = [N('query', 'AQB'), N('query', 'events'), N('query', 'products'), N('query', 'cc'), N('query', 'AQE')]
    return req('adobe', 'GET', 'acmeshop.sc.omtrdc.net', qs('/b/ss/acmeshopprod/1/G.4--NS/0', q), {}, b'',
               personal, not_personal, '29 Adobe Analytics Data Insertion, GET image-request form')


def adobe_edge():
    body = {'event': {'xdm': {
        'eventType': 'commerce.purchases', 'timestamp': ISO,
        'identityMap': {'ECID': [{'id': L.adobe_ecid, 'authenticatedState': 'ambiguous', 'primary': True}],
                        'Email': [{'id': L.email, 'authenticatedState': 'authenticated', 'primary': False}]},
        'environment': {'type': 'browser', 'ipV4': L.ip, 'browserDetails': {'userAgent': L.ua}},
        'commerce': {'purchases': {'value': 1}, 'order': {'currencyCode': 'EUR', 'priceTotal': 89.9}},
        'productListItems': [{'SKU': SKU, 'quantity': 1, 'priceTotal': 89.9}],
    }}}
    x = 'event.xdm.'
    personal = [P('body', x + 'identityMap.ECID[0].id', 'cookie_id'), P('body', x + 'identityMap.Email[0].id', 'email'),
                P('body', x + 'environment.ipV4', 'ip_address'),
                P('body', x + 'environment.browserDetails.userAgent', 'user_agent')]
    not_personal = [N('body', x + 'eventType'), N('body', x + 'timestamp'), N('body', x + 'commerce.purchases.value'),
                    N('body', x + 'commerce.order.currencyCode'), N('body', x + 'commerce.order.priceTotal'),
                    N('body', x + 'productListItems[0].SKU')]
    return req('adobe', 'POST', 'server.adobedc.net', '/ee/v2/interact?dataStreamId=5c1e9a7b-3d2f-4e6a-8b0c-1d3e5f7a9b2c',
               dict(JSON), j(body), personal, not_personal,
               '29 Adobe Experience Platform Edge Network Server API /ee/v2/interact (XDM JSON)')


def matomo():
    ec_items = [[SKU, 'Trail running shoe', 'Shoes', 89.9, 1]]
    q = [('idsite', '3'), ('rec', '1'), ('apiv', '1'), ('action_name', 'Checkout / Confirmation'),
         ('url', SHOP + '/checkout/confirmation'), ('_id', L.matomo_id), ('uid', L.user_id), ('cip', L.ip),
         ('ua', L.ua), ('lang', 'de-DE'), ('cdt', str(T)), ('idgoal', '0'), ('revenue', '89.90'),
         ('ec_id', 'ord-20240402-000731'), ('ec_items', js(ec_items)), ('send_image', '0'), ('token_auth', 'FAKE_TOKEN_AUTH')]
    personal = [P('query', '_id', 'cookie_id'), P('query', 'uid', 'user_id'), P('query', 'cip', 'ip_address'),
                P('query', 'ua', 'user_agent')]
    not_personal = [N('query', 'rec'), N('query', 'cdt'), N('query', 'idgoal'), N('query', 'revenue'),
                    N('query', 'ec_items#json[0][0]'), N('query', 'ec_items#json[0][3]'), N('query', 'send_image')]
    return req('matomo', 'GET', 'acmeshop.matomo.cloud', qs('/matomo.php', q), {}, b'', personal, not_personal,
               '30 Matomo Tracking API GET /matomo.php (cip/uid with token_auth, ecommerce order)')


def plausible():
    # Plausible also requires the visitor's browser User-Agent in the User-Agent header; left out here
    # because the recording client sets its own User-Agent (see the module's rules).
    body = {'name': 'pageview', 'url': SHOP + '/checkout/confirmation', 'domain': 'shop.example.com',
            'referrer': SHOP + '/cart', 'revenue': {'currency': 'EUR', 'amount': 89.9}, 'interactive': True}
    headers = dict(JSON)
    headers['X-Forwarded-For'] = L.ip
    personal = [P('header', 'x-forwarded-for', 'ip_address')]
    not_personal = [N('body', 'name'), N('body', 'revenue.currency'), N('body', 'revenue.amount'),
                    N('body', 'interactive')]
    return req('plausible', 'POST', 'plausible.io', '/api/event', headers, j(body), personal, not_personal,
               '31 Plausible Events API (client IP in X-Forwarded-For)')


def piwik_pro():
    q = [('idsite', '7c1e9a3b-5d2f-4e6a-8b0c-1d3e5f7a9b2c'), ('rec', '1'), ('action_name', 'Checkout / Confirmation'),
         ('url', SHOP + '/checkout/confirmation'), ('_id', L.matomo_id), ('uid', L.user_id), ('ua', L.ua),
         ('e_c', 'ecommerce'), ('e_a', 'purchase'), ('e_v', '89.90'), ('send_image', '0')]
    personal = [P('query', '_id', 'cookie_id'), P('query', 'uid', 'user_id'), P('query', 'ua', 'user_agent')]
    not_personal = [N('query', 'rec'), N('query', 'e_c'), N('query', 'e_a'), N('query', 'e_v'), N('query', 'send_image')]
    return req('piwik_pro', 'GET', 'acmeshop.piwik.pro', qs('/ppms.php', q), {}, b'', personal, not_personal,
               '32 Piwik PRO tracking GET /ppms.php (Matomo-compatible parameters)')


# ---------------------------------------------------------------------------------------------------
# 33-35 mobile attribution

def branch():
    body = {'name': 'PURCHASE', 'branch_key': 'key_live_FAKE_BRANCH_KEY',
            'user_data': {'os': 'iOS', 'os_version': '17.4.1', 'environment': 'FULL_APP', 'app_version': '1.4.2',
                          'developer_identity': L.user_id, 'idfa': L.idfa, 'idfv': L.idfv, 'limit_ad_tracking': False,
                          'ip': L.ip, 'user_agent': L.ua_ios},
            'event_data': {'transaction_id': 'ord-20240402-000731', 'currency': 'EUR', 'revenue': 89.9},
            'content_items': [{'$sku': SKU, '$price': 89.9, '$quantity': 1, '$currency': 'EUR'}],
            'custom_data': {'payment_method': 'card'}}
    u = 'user_data.'
    personal = [P('body', u + 'developer_identity', 'user_id'), P('body', u + 'idfa', 'device_id'),
                P('body', u + 'idfv', 'device_id'), P('body', u + 'ip', 'ip_address'),
                P('body', u + 'user_agent', 'user_agent')]
    not_personal = [N('body', 'name'), N('body', u + 'os'), N('body', u + 'limit_ad_tracking'),
                    N('body', 'event_data.currency'), N('body', 'event_data.revenue'), N('body', 'content_items[0].$sku')]
    return req('branch', 'POST', 'api2.branch.io', '/v2/event/standard', dict(JSON), j(body), personal, not_personal,
               '33 Branch v2 standard event (S2S)')


def appsflyer():
    event_value = {'af_revenue': '89.90', 'af_currency': 'EUR', 'af_content_id': SKU, 'af_quantity': 1}
    body = {'appsflyer_id': L.af_id, 'customer_user_id': L.user_id, 'eventName': 'af_purchase',
            'eventValue': js(event_value), 'eventCurrency': 'EUR', 'eventTime': '2024-04-02 08:20:00.000',
            'ip': L.ip, 'advertising_id': L.gaid, 'os': '14'}
    personal = [P('body', 'appsflyer_id', 'device_id'), P('body', 'customer_user_id', 'user_id'),
                P('body', 'ip', 'ip_address'), P('body', 'advertising_id', 'device_id')]
    not_personal = [N('body', 'eventName'), N('body', 'eventCurrency'), N('body', 'eventTime'),
                    N('body', 'eventValue#json.af_revenue'), N('body', 'eventValue#json.af_currency'),
                    N('body', 'eventValue#json.af_content_id')]
    return req('appsflyer', 'POST', 'api2.appsflyer.com', '/inappevent/com.example.shop',
               {'Content-Type': 'application/json', 'authentication': 'FAKE_DEV_KEY'}, j(body), personal,
               not_personal, '34 AppsFlyer S2S in-app event (eventValue JSON string, Android)')


def adjust():
    body = form([('s2s', '1'), ('app_token', 'abc123def456'), ('event_token', 'x9y8z7'),
                 ('created_at_unix', str(T)), ('ip_address', L.ip), ('gps_adid', L.gaid), ('tracking_enabled', '1'),
                 ('revenue', '89.90'), ('currency', 'EUR'), ('environment', 'production'),
                 ('callback_params', js({'user_id': L.user_id, 'sku': SKU})),
                 ('partner_params', js({'content_id': SKU, 'value': '89.90'}))])
    personal = [P('body', 'ip_address', 'ip_address'), P('body', 'gps_adid', 'device_id'),
                P('body', 'callback_params#json.user_id', 'user_id')]
    not_personal = [N('body', 's2s'), N('body', 'created_at_unix'), N('body', 'tracking_enabled'), N('body', 'revenue'),
                    N('body', 'currency'), N('body', 'environment'), N('body', 'callback_params#json.sku'),
                    N('body', 'partner_params#json.content_id')]
    headers = dict(FORM)
    headers['Authorization'] = 'Bearer FAKE_S2S_TOKEN'
    return req('adjust', 'POST', 's2s.adjust.com', '/event', headers, body, personal, not_personal,
               '35 Adjust S2S event, form body with JSON-string callback_params/partner_params')


# ---------------------------------------------------------------------------------------------------

BUILDERS = [
    meta_json, meta_form, meta_app_events,
    ga4_mp, ga4_gcollect, sgtm_inbound, ua_collect,
    gads_click, gads_adjust, data_manager,
    tiktok, snapchat, pinterest, linkedin_single, linkedin_batch, reddit, x_conversions, microsoft,
    criteo_s2s, criteo_audience,
    segment_batch, rudderstack, mparticle, tealium,
    mixpanel_track, mixpanel_engage, amplitude_http, amplitude_identify, posthog_batch, posthog_capture,
    heap_track, heap_user_props, snowplow_get, snowplow_post,
    klaviyo, braze, hubspot_events, hubspot_form, hubspot_legacy, customerio_event, customerio_cdp, iterable,
    intercom,
    adobe_get, adobe_edge, matomo, plausible, piwik_pro,
    branch, appsflyer, adjust,
]


def vendor_requests():
    """The requests, in a fixed order (see the module docstring for the keys)."""
    return [b() for b in BUILDERS]


# ===================================================================================================
# Validation (python3 vendor_payloads.py)

IDENTIFYING_HEADERS = {
    'user-agent', 'x-forwarded-for', 'x-real-ip', 'forwarded', 'true-client-ip', 'cf-connecting-ip',
    'x-client-ip', 'x-cluster-client-ip', 'fastly-client-ip', 'referer', 'x-device-id', 'x-user-id',
    'x-anonymous-id', 'x-visitor-id', 'x-client-id', 'x-amplitude-device-id', 'sec-ch-ua-model',
    'x-idfa', 'x-gaid', 'x-advertising-id', 'x-user-email', 'x-email',
}   # PayloadExtractor.identifyingHeaders
HEX64 = re.compile(r'[0-9a-fA-F]{64}')


def _scalar_text(x):
    if isinstance(x, bool):
        return 'true' if x else 'false'
    if isinstance(x, float):
        return json.dumps(x)
    return str(x)


def _b64_json(s):
    """The JSON inside a base64/base64url string (padding optional), else None."""
    t = s.strip()
    if len(t) < 8 or t[0] not in 'eWI':
        return None
    body = t.rstrip('=')
    if len(t) - len(body) > 2 or len(body) % 4 == 1 or not re.fullmatch(r'[A-Za-z0-9+/_-]*', body):
        return None
    try:
        raw = base64.b64decode(body.replace('-', '+').replace('_', '/') + '=' * (-len(body) % 4))
        text = raw.decode('utf-8').strip()
    except (ValueError, UnicodeDecodeError):
        return None
    if not text or text[0] not in '{[':
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _json_layer(s):
    t = s.strip()
    if len(t) >= 2 and t[0] in '{[' and t[-1] in '}]':
        try:
            return json.loads(t)
        except ValueError:
            return None
    return None


def _flatten_value(value, path, out):
    """Leaves of one value as ConsentTap extracts them: strings holding JSON or base64 JSON are layers."""
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten_value(v, path + '.' + k if path else k, out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _flatten_value(v, '%s[%d]' % (path, i), out)
    elif value is None:
        return
    elif isinstance(value, str):
        inner = _json_layer(value)
        if inner is not None:
            _flatten_value(inner, path + '#json', out)
            return
        inner = _b64_json(value)
        if inner is not None:
            _flatten_value(inner, path + '#b64', out)
            return
        out[path] = value
    else:
        out[path] = _scalar_text(value)


def _decoded_body(r):
    body = r['body']
    enc = {k.lower(): v for k, v in r['headers'].items()}.get('content-encoding', '')
    if enc == 'gzip':
        body = gzip.decompress(body)
    elif enc:
        raise ValueError('unsupported content-encoding %r' % enc)
    return body


def parse_body(r):
    """The body as a Python value: ('json', obj) | ('form', [(k, v)]) | ('none', None)."""
    body = _decoded_body(r)
    if not body:
        return 'none', None
    ct = {k.lower(): v for k, v in r['headers'].items()}.get('content-type', '').lower()
    if 'json' in ct:
        return 'json', json.loads(body.decode('utf-8'))
    if 'x-www-form-urlencoded' in ct:
        text = body.decode('ascii')
        pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, strict_parsing=True)
        return 'form', pairs
    raise ValueError('body without a JSON or form content type')


def leaves(r):
    """{(location, path): value} for every field of the request, in ConsentTap's notation."""
    out = {}
    split = urllib.parse.urlsplit(r['path'])
    if split.query:
        q = {}
        for k, v in urllib.parse.parse_qsl(split.query, keep_blank_values=True, strict_parsing=True):
            _flatten_value(v, k, q)
        out.update({('query', p): v for p, v in q.items()})
    for name, value in r['headers'].items():
        low = name.lower()
        if low == 'cookie':
            for pair in value.split(';'):
                k, _, v = pair.strip().partition('=')
                c = {}
                _flatten_value(urllib.parse.unquote(v), k, c)
                out.update({('cookie', p): x for p, x in c.items()})
        elif low in IDENTIFYING_HEADERS:
            out[('header', low)] = value
    kind, parsed = parse_body(r)
    b = {}
    if kind == 'json':
        _flatten_value(parsed, '', b)
    elif kind == 'form':
        for k, v in parsed:
            _flatten_value(v, k, b)
    out.update({('body', p): v for p, v in b.items()})
    return out


_TOKEN = re.compile(r'\.([^.\[#]+)|\[(\d+)\]|#(json|b64)|^([^.\[#]+)')


def resolve(r, location, path):
    """The value at `path` (the notation of the module docstring), or raise KeyError."""
    if location in ('query', 'body') and (location == 'query' or parse_body(r)[0] == 'form'):
        if location == 'query':
            pairs = urllib.parse.parse_qsl(urllib.parse.urlsplit(r['path']).query, keep_blank_values=True)
        else:
            pairs = parse_body(r)[1]
        names = [k for k, _ in pairs]
        name = max((k for k in names if path == k or path.startswith(k + '#')), key=len, default=None)
        if name is None:
            raise KeyError('no parameter for %s' % path)
        cur, rest = dict(pairs)[name], path[len(name):]
    elif location == 'body':
        cur, rest = parse_body(r)[1], path
    elif location == 'header':
        hs = {k.lower(): v for k, v in r['headers'].items()}
        if path not in hs:
            raise KeyError(path)
        return hs[path]
    elif location == 'cookie':
        cookie = {k.lower(): v for k, v in r['headers'].items()}.get('cookie', '')
        jar = dict(p.strip().partition('=')[::2] for p in cookie.split(';') if p.strip())
        if path not in jar:
            raise KeyError(path)
        return jar[path]
    else:
        raise KeyError(location)
    pos = 0
    while pos < len(rest):
        m = _TOKEN.match(rest, pos)
        if not m or m.end() == pos:
            raise KeyError('bad path syntax at %r' % rest[pos:])
        key, index, layer, first = m.groups()
        key = key if key is not None else first
        if layer == 'json':
            if not isinstance(cur, str) or _json_layer(cur) is None:
                raise KeyError('not a JSON string at %s' % rest[:pos])
            cur = _json_layer(cur)
        elif layer == 'b64':
            if not isinstance(cur, str) or _b64_json(cur) is None:
                raise KeyError('not base64 JSON at %s' % rest[:pos])
            cur = _b64_json(cur)
        elif index is not None:
            cur = cur[int(index)]
        else:
            if not isinstance(cur, dict):
                raise KeyError('not an object at %s' % rest[:pos])
            cur = cur[key]
        pos = m.end()
    if isinstance(cur, (dict, list)):
        raise KeyError('%s is a container, not a field' % path)
    return _scalar_text(cur)


def _value_categories():
    """value text -> categories, for the people's values and the normalised forms vendors hash."""
    cats = {}

    def add(value, cat):
        cats.setdefault(value, set()).add(cat)

    for value, cat in _REGISTRY:
        text = _scalar_text(value)
        add(text, cat)
        forms = {text, text.strip().lower()}
        if cat == 'phone':
            forms |= {re.sub(r'\D', '', text), '+' + re.sub(r'\D', '', text)}
        if cat == 'email':
            local, _, domain = text.lower().partition('@')
            forms.add(local.split('+')[0].replace('.', '') + '@' + domain)
        if cat == 'date_of_birth':
            forms.add(text.replace('-', ''))
        hashed_cat = {'email': 'email_sha256', 'phone': 'phone_sha256'}.get(cat, cat)
        for f in forms:
            add(f, cat)
            if f == f.strip().lower():           # vendors hash normalised (trimmed, lower-case) values only
                add(sha256(f), hashed_cat)
    return cats


def _is_ip(text):
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _load_catalog():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'Sources', 'Catalog', 'catalog.yaml')
    if not os.path.exists(path):
        return None
    vendors, cur = {}, None
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = re.match(r'\s*- id: (\S+)', line)
            if m:
                cur = vendors.setdefault(m.group(1), {'hosts': [], 'paths': [], 'any_host': False})
                continue
            if cur is not None and re.match(r'\s+any_host: true', line):
                cur['any_host'] = True
            m = re.match(r'\s+(hosts|paths): (\[.*\])\s*$', line)
            if m and cur is not None:
                cur[m.group(1)] = json.loads(m.group(2))
    return vendors


def _host_match(pattern, host):
    p, h = pattern.lower().split('.'), host.lower().rstrip('.').split(':')[0].split('.')
    return len(p) == len(h) and all(re.fullmatch(re.escape(a).replace(r'\*', '[^.]*'), b) for a, b in zip(p, h))


def _path_match(pattern, path):
    path = path.split('?', 1)[0]
    rx = ''
    i = 0
    while i < len(pattern):
        if pattern.startswith('**', i):
            rx += '.*'
            i += 2
        elif pattern[i] == '*':
            rx += '[^/]*'
            i += 1
        else:
            rx += re.escape(pattern[i])
            i += 1
    return re.fullmatch(rx, path) is not None


def catalog_matches(catalog, r):
    """(vendors whose host matches, vendors whose host and path match); with no host match, the
    `any_host` vendors (collectors under customers' names) whose path matches."""
    by_host = [v for v, d in catalog.items() if any(_host_match(h, r['host']) for h in d['hosts'])]
    full = [v for v in by_host if any(_path_match(p, r['path']) for p in catalog[v]['paths'])]
    if not by_host:
        full = [v for v, d in catalog.items() if d['any_host'] and any(_path_match(p, r['path']) for p in d['paths'])][:1]
        by_host = full
    return by_host, full


def validate(reqs):
    errors, lines = [], []
    cats = _value_categories()
    catalog = _load_catalog()
    keys = ['vendor', 'method', 'host', 'path', 'headers', 'body', 'personal', 'not_personal', 'note', 'inband']
    purposes = {'analytics', 'advertising', 'personalization', 'sale_share', 'marketing'}
    for i, r in enumerate(reqs):
        tag = '#%d %s %s%s' % (i, r.get('vendor'), r.get('host'), r.get('path', '')[:60])

        def err(msg):
            errors.append('%s: %s' % (tag, msg))

        if list(r) != keys:
            err('keys %s' % list(r))
            continue
        if not isinstance(r['body'], bytes) or not r['path'].startswith('/'):
            err('body must be bytes, path must start with /')
        if not set(r['inband']) <= purposes or not set(r['inband'].values()) <= {'granted', 'denied'}:
            err('inband: purposes %s, decisions granted or denied' % sorted(purposes))
        if any(k.lower() in ('user-agent', 'cookie') for k in r['headers']):
            err('no User-Agent / Cookie header expected')
        if not re.fullmatch(r'[!-~]*', r['path']):
            err('path is not percent-encoded ASCII')
        try:
            kind, _ = parse_body(r)
            found = leaves(r)
        except (ValueError, UnicodeDecodeError, OSError) as e:
            err('body does not parse: %s' % e)
            continue
        if r['method'] in ('GET',) and r['body']:
            err('GET with a body')
        listed = {}
        for entry in r['personal'] + r['not_personal']:
            k = (entry['location'], entry['path'])
            if k in listed:
                err('listed twice: %s %s' % k)
            listed[k] = entry
        for entry in r['personal']:
            loc, path, cat = entry['location'], entry['path'], entry['category']
            if loc not in LOCATIONS or cat not in CATEGORIES or not {'location', 'path', 'category'} <= set(entry) \
                    or not set(entry) <= {'location', 'path', 'category', 'accept'} \
                    or not set(entry.get('accept', [])) <= CATEGORIES:
                err('bad personal entry %s' % entry)
                continue
            try:
                value = resolve(r, loc, path)
            except (KeyError, IndexError, TypeError) as e:
                err('personal %s %s does not resolve: %s' % (loc, path, e))
                continue
            if found.get((loc, path)) != value:
                err('personal %s %s not extracted as a field (layer heuristics?)' % (loc, path))
            if cat.endswith('_sha256') and not re.fullmatch(r'[0-9a-f]{64}', value):
                err('%s %s: %s needs 64 lower-case hex' % (loc, path, cat))
            if HEX64.fullmatch(value) and value != value.lower():
                err('%s %s: hash not lower-case' % (loc, path))
            if cat not in cats.get(value, ()):
                err('%s %s = %r is not a %s of the synthetic people (or not their normalised hash)'
                    % (loc, path, value[:40], cat))
        for entry in r['not_personal']:
            loc, path = entry['location'], entry['path']
            if set(entry) != {'location', 'path'} or loc not in LOCATIONS:
                err('bad not_personal entry %s' % entry)
                continue
            try:
                value = resolve(r, loc, path)
            except (KeyError, IndexError, TypeError) as e:
                err('not_personal %s %s does not resolve: %s' % (loc, path, e))
                continue
            if (loc, path) not in found:
                err('not_personal %s %s not extracted as a field' % (loc, path))
            if value in cats:
                err('not_personal %s %s holds a personal value %r' % (loc, path, value))
        personal_keys = {(e['location'], e['path']) for e in r['personal']}
        for (loc, path), value in found.items():
            if value in cats and (loc, path) not in personal_keys:
                err('field %s %s = %r holds a personal value but is not listed' % (loc, path, value[:40]))
            ip = _is_ip(value)
            if ip is not None and not ip.is_global:
                err('%s %s: %s is not a public address' % (loc, path, value))
        for entry in r['personal']:
            if entry['category'] == 'user_agent':
                if not resolve(r, entry['location'], entry['path']).startswith('Mozilla/5.0'):
                    err('user agent must start with Mozilla/5.0')
        state = ''
        if catalog is not None:
            by_host, full = catalog_matches(catalog, r)
            if r['vendor'] is None:
                state = 'not in catalog' + (' (but host+path match %s!)' % full if full else '')
                if full:
                    err('vendor None but the catalog matches %s' % full)
            elif r['vendor'] not in catalog:
                err('vendor %s not in catalog' % r['vendor'])
            elif r['vendor'] in full:
                state = 'catalog ok'
            elif r['vendor'] in by_host:
                state = 'CATALOG PATH MISMATCH'
            else:
                state = 'CATALOG HOST MISMATCH'
        lines.append('%-27s %-5s %-40s %-60s personal=%-2d not_personal=%-2d %s' % (
            r['vendor'], r['method'], r['host'], r['path'] if len(r['path']) <= 60 else r['path'][:57] + '...',
            len(r['personal']), len(r['not_personal']), state))
    return errors, lines


def main():
    a, b = vendor_requests(), vendor_requests()
    errors, lines = validate(a)
    if a != b:
        errors.append('vendor_requests() is not deterministic')
    sections = {int(re.match(r'(\d+)', r['note']).group(1)) for r in a}
    missing = sorted(set(range(1, 36)) - sections)
    if missing:
        errors.append('sections without a request: %s' % missing)
    print('\n'.join(lines))
    print('%d requests, %d personal fields, %d not_personal fields, sections 1-35 covered: %s'
          % (len(a), sum(len(r['personal']) for r in a), sum(len(r['not_personal']) for r in a), not missing))
    if errors:
        print('\n'.join('ERROR ' + e for e in errors), file=sys.stderr)
        print('%d errors' % len(errors), file=sys.stderr)
        return 1
    print('ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())
