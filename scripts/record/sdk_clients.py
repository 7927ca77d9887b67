#!/usr/bin/env python3
"""Real vendor SDKs from PyPI sending synthetic people to the local servers (scenario `sdks` of
clients.py), and the expectations of that capture.

SDKs (installed by scripts/record-captures when missing): posthog, snowplow-tracker,
amplitude-analytics, rudder-sdk-python, customerio, klaviyo-api. Each is pointed at its vendor's host
name over plain HTTP (the client namespace's /etc/hosts sends it to the local server) and flushed
synchronously. Customer.io's client always builds an https URL: a subclass gives it the http one; the
requests it sends are its own.
The people are those of vendor_payloads.py (Lena Hoffmann, Daniel Park: synthetic).

Expectations are not written by hand: `expectations(log records)` reads what the server received
(every request body, as logged by server.py) and lists each field, in ConsentTap's notation, whose
value is one of the people's values, with that value's category (`accept`: every category the value
is registered with). A request that carries none of them is a negative: nothing in its query or body
may be reported.
"""
import base64

import vendor_payloads
from vendor_payloads import L, D

POSTHOG = 'us.i.posthog.com'
SNOWPLOW = 'collector.acmeshop.example'      # a collector under the customer's own name
AMPLITUDE = 'api2.amplitude.com'
RUDDER = 'hosted.rudderlabs.com'
CUSTOMERIO = 'track-eu.customer.io'
KLAVIYO = 'a.klaviyo.com'
HOSTS = [POSTHOG, SNOWPLOW, AMPLITUDE, RUDDER, CUSTOMERIO, KLAVIYO]
SHOP = 'https://shop.example.com'


def posthog_events():
    from posthog import Posthog
    ph = Posthog('phc_FAKE_PROJECT_TOKEN', host='http://' + POSTHOG, sync_mode=True, disable_geoip=True)
    ph.capture('order completed', distinct_id=L.user_id,
               properties={'value': 89.9, 'currency': 'EUR', '$ip': L.ip, 'sku': 'SKU-1042'})
    ph.set(distinct_id=L.user_id, properties={'email': L.email, 'name': L.full, 'city': L.city})
    ph.capture('$pageview', distinct_id=L.ph_anon, properties={'$current_url': SHOP + '/cart'})
    ph.flush()
    ph.shutdown()


def snowplow_events():
    from snowplow_tracker import (Emitter, PageView, SelfDescribing, SelfDescribingJson, StructuredEvent, Subject,
                                  Tracker)
    post = Emitter(SNOWPLOW, protocol='http', port=80, method='post', batch_size=1)
    lena = (Subject().set_user_id(L.user_id).set_ip_address(L.ip).set_useragent(L.ua)
            .set_domain_user_id(L.sp_duid))
    t = Tracker(namespace='sp', emitters=post, subject=lena, app_id='acmeshop')
    t.track(PageView(page_url=SHOP + '/checkout', page_title='Checkout'))
    t.track(SelfDescribing(SelfDescribingJson('iglu:com.acmeshop/newsletter_signup/jsonschema/1-0-0',
                                              {'email': L.email, 'phone': L.phone, 'list': 'weekly'})))
    t.track(StructuredEvent(category='shop', action='add-to-basket', property_='SKU-1042', value=89.9))
    # no subject: an event without personal data
    anonymous = Tracker(namespace='sp', emitters=post, app_id='acmeshop')
    anonymous.track(StructuredEvent(category='shop', action='view-catalogue', label='spring', value=1))
    post.flush()
    # the GET form (/i): a path too common to name Snowplow on a customer's host
    get = Emitter(SNOWPLOW, protocol='http', port=80, method='get', batch_size=1)
    daniel = Subject().set_user_id(D.user_id).set_ip_address(D.ip)
    Tracker(namespace='sp', emitters=get, subject=daniel, app_id='acmeshop').track(
        PageView(page_url=SHOP + '/', page_title='Home'))
    get.flush()


def amplitude_events():
    from amplitude import Amplitude, BaseEvent, Config, EventOptions, Identify
    amp = Amplitude('FAKE_API_KEY', Config(server_url='http://%s/2/httpapi' % AMPLITUDE, flush_queue_size=1))
    amp.track(BaseEvent(event_type='Order Completed', user_id=L.user_id, device_id=L.idfv, ip=L.ip,
                        city=L.city, event_properties={'value': 89.9, 'currency': 'EUR'}))
    amp.identify(Identify().set('email', L.email).set('name', L.full), EventOptions(user_id=L.user_id))
    amp.flush()
    amp.shutdown()


def rudder_events():
    import rudderstack.analytics as rudder
    rudder.write_key = 'FAKE_WRITE_KEY'
    rudder.dataPlaneUrl = 'http://' + RUDDER
    rudder.sync_mode = True
    rudder.identify(D.user_id, {'email': D.email, 'firstName': D.first, 'lastName': D.last, 'phone': D.phone})
    rudder.track(D.user_id, 'Order Completed', {'revenue': 42.0, 'currency': 'USD'})
    rudder.page(anonymous_id=D.seg_anon, name='Pricing', properties={'url': SHOP + '/pricing'})
    rudder.flush()


def customerio_events():
    from customerio import CustomerIO, Regions

    class LabCustomerIO(CustomerIO):
        def setup_base_url(self):
            self.base_url = 'http://%s/api/v1' % CUSTOMERIO

    cio = LabCustomerIO('FAKE_SITE_ID', 'FAKE_API_KEY', region=Regions.EU)
    cio.identify(id=L.user_id, email=L.email, first_name=L.first, last_name=L.last, plan='premium')
    cio.track(customer_id=L.user_id, name='purchased', data={'price': 89.9, 'currency': 'EUR'})
    cio.track_anonymous(anonymous_id=L.cio_anon, name='viewed', data={'item': 'SKU-1042'})


def klaviyo_events():
    from klaviyo_api import KlaviyoAPI
    k = KlaviyoAPI('pk_FAKE_PRIVATE_KEY', max_delay=1, max_retries=0)
    k.api_client.configuration.host = 'http://' + KLAVIYO
    k.Events.create_event({'data': {'type': 'event', 'attributes': {
        'properties': {'value': 89.9, 'sku': 'SKU-1042', 'Categories': ['Shoes']},
        'metric': {'data': {'type': 'metric', 'attributes': {'name': 'Placed Order'}}},
        'profile': {'data': {'type': 'profile', 'attributes': {
            'email': D.email, 'phone_number': D.phone, 'first_name': D.first, 'last_name': D.last,
            'external_id': D.user_id}}}}}})


def run():
    posthog_events()
    snowplow_events()
    amplitude_events()
    rudder_events()
    customerio_events()
    klaviyo_events()


# Fields each vendor documents as not personal (research doc): an event id, the application's id.
NOT_PERSONAL = {'snowplow': {'aid', 'eid'}}


def _vendor(host, path):
    """The recipient the catalog should name (None: not attributable, an unknown third party)."""
    path, _, query = path.partition('?')
    if host == SNOWPLOW:
        # POST tp2; the GET pixel /i by the tracker protocol's required parameters (event, platform, version)
        names = {part.split('=', 1)[0] for part in query.split('&')}
        if path == '/com.snowplowanalytics.snowplow/tp2' or (path == '/i' and {'e', 'p', 'tv'} <= names):
            return 'snowplow'
        return None
    return {POSTHOG: 'posthog', AMPLITUDE: 'amplitude', RUDDER: 'rudderstack', CUSTOMERIO: 'customerio',
            KLAVIYO: 'klaviyo'}.get(host)


def expectations(records):
    """Per request the server received (log records in arrival order): its vendor and the fields
    holding a person's value (location, path, category, accept)."""
    cats = {v: c for v, c in vendor_payloads._value_categories().items() if len(v) >= 3}
    out = []
    for rec in sorted(records, key=lambda r: r['seq']):
        if rec.get('upstream'):
            continue
        headers = {k: v for k, v in (('Content-Type', rec.get('content_type')),
                                     ('Content-Encoding', rec.get('content_encoding'))) if v}
        r = {'path': rec['path'], 'headers': headers, 'body': base64.b64decode(rec.get('body_b64', ''))}
        personal, not_personal = [], []
        vendor = _vendor(rec['host'], rec['path'])
        for (location, path), value in sorted(vendor_payloads.leaves(r).items()):
            if value in cats:
                accept = sorted(cats[value])
                personal.append({'location': location, 'path': path, 'category': accept[0], 'accept': accept[1:]})
            elif vendor in NOT_PERSONAL and path.rsplit('.', 1)[-1] in NOT_PERSONAL[vendor]:
                not_personal.append({'location': location, 'path': path})
        out.append({'vendor': vendor, 'client': rec['client'], 'method': rec['method'],
                    'host': rec['host'], 'path': rec['path'], 'agent': rec.get('agent'), 'personal': personal,
                    'not_personal': not_personal})
    return out
