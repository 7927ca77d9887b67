#!/usr/bin/env python3
"""Re-draws the values of a labelled PII corpus (../shared/research/pii-corpus-dev.jsonl format) with
fresh Faker values of the same label, keeping each record's field path, context and label: a way to
see how `consenttap classify` does on names, places, phones and ids it has never seen (the dev
corpus's own values are the ones the classifier was developed on).

    pip install faker
    python3 scripts/corpus/redraw.py --seed 41 --out /tmp/redraw-41.jsonl
    consenttap classify /tmp/redraw-41.jsonl > /tmp/pred-41.jsonl
    python3 ../shared/research/pii-score.py /tmp/redraw-41.jsonl /tmp/pred-41.jsonl

Redrawn: names, cities, regions, streets, postal codes, e-mails, phones (locale formats), IBANs,
card numbers, user agents, IP addresses, national ids of the same scheme and birth dates in the same
format. Other records (ids, hashes, `none`) keep their values. Locales: those the dev corpus shows
(en_US, en_GB, de_DE, fr_FR, es_ES, it_IT, ja_JP, en_IN, pt_BR, nl_NL). Deterministic per seed.
"""
import argparse
import json
import os
import random
import re

from faker import Faker

LOCALES = ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'es_ES', 'it_IT', 'ja_JP', 'en_IN', 'pt_BR', 'nl_NL']
IBAN_LOCALES = {'FR': 'fr_FR', 'ES': 'es_ES', 'DE': 'de_DE', 'NL': 'nl_NL', 'BR': 'pt_BR', 'GB': 'en_GB', 'IT': 'it_IT'}


def group4(x):
    return ' '.join(x[i:i + 4] for i in range(0, len(x), 4))


def region(f):
    for method in ('state', 'region', 'prefecture', 'administrative_unit'):
        if hasattr(f, method):
            try:
                return getattr(f, method)()
            except (AttributeError, TypeError):
                continue
    return None


def national_id(fakers, orig):
    """A new id of the scheme the original value is written in (None when not recognised)."""
    if re.fullmatch(r'\d{3}-\d{2}-\d{4}', orig):
        return fakers['en_US'].ssn()
    if re.fullmatch(r'\d{3}\.\d{3}\.\d{3}-\d{2}', orig):
        return fakers['pt_BR'].cpf()
    if re.fullmatch(r'[1-9]\d{10}', orig):
        return re.sub(r'\D', '', fakers['pt_BR'].cpf())
    if re.fullmatch(r'[A-Z0-9]{16}', orig):
        return fakers['it_IT'].ssn()
    if re.fullmatch(r'\d{15}', orig):
        return fakers['fr_FR'].ssn().replace(' ', '')
    if re.fullmatch(r'\d{9}', orig):
        return fakers['nl_NL'].ssn()
    return None


def birth_date(f, orig):
    d = f.date_of_birth(minimum_age=18, maximum_age=90)
    for pattern, fmt in ((r'\d{2}\.\d{2}\.\d{4}', '%d.%m.%Y'), (r'\d{8}', '%Y%m%d'), (r'\d{4}-\d{2}-\d{2}', '%Y-%m-%d'),
                         (r'\d{2}/\d{2}/\d{4}', '%m/%d/%Y')):
        if re.fullmatch(pattern, orig):
            return d.strftime(fmt)
    return None


def redraw(label, orig, fakers, rng):
    f = fakers[rng.choice(LOCALES)]
    simple = {
        'name_first': f.first_name, 'name_last': f.last_name, 'name_full': f.name, 'city': f.city,
        'street_address': f.street_address, 'postal_code': f.postcode, 'email': f.email, 'phone': f.phone_number,
        'user_agent': f.user_agent,
    }
    if label in simple:
        v = simple[label]()
    elif label == 'region':
        v = region(f)
    elif label == 'iban':
        locale = IBAN_LOCALES.get(orig[:2])
        v = fakers[locale].iban() if locale else None
        v = group4(v) if v and ' ' in orig else v
    elif label == 'credit_card':
        v = f.credit_card_number()
        v = group4(v) if ' ' in orig else v
    elif label == 'ip_address':
        v = f.ipv6() if ':' in orig else f.ipv4_public()
    elif label == 'national_id':
        v = national_id(fakers, orig)
    elif label == 'date_of_birth':
        v = birth_date(f, orig)
    else:
        v = None
    if v is None:
        return orig
    # Keep the original's case style (all lower / all upper).
    return v.lower() if orig.islower() else v.upper() if orig.isupper() else v


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, '..', '..', '..', 'shared', 'research', 'pii-corpus-dev.jsonl')
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--corpus', default=default)
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    fakers = {locale: Faker(locale) for locale in LOCALES}
    for f in fakers.values():
        f.seed_instance(a.seed)
    n = changed = 0
    with open(a.corpus, encoding='utf-8') as src, open(a.out, 'w', encoding='utf-8') as out:
        for line in src:
            if not line.strip():
                continue
            r = json.loads(line)
            if r['label'] != 'none' and isinstance(r['value'], str):
                new = redraw(r['label'], r['value'], fakers, rng)
                changed += new != r['value']
                r['value'] = new
            out.write(json.dumps(r, ensure_ascii=False) + '\n')
            n += 1
    print('%d records, %d values redrawn -> %s' % (n, changed, a.out))


if __name__ == '__main__':
    main()
