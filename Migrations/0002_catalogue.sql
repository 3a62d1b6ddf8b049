-- The offices, their calendars, departments and the service guide.
-- Every table carries the office as its leading key, so the data can later be distributed by
-- office (Citus) without changing the application.

CREATE TABLE offices (
    code text PRIMARY KEY CHECK (code ~ '^[A-Z]{2,8}$'),
    name_ar text NOT NULL CHECK (length(name_ar) BETWEEN 1 AND 200),
    name_fr text NOT NULL CHECK (length(name_fr) BETWEEN 1 AND 200),
    name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
    timezone text NOT NULL,
    -- ISO weekday numbers, 1 = Monday … 7 = Sunday; at least one working day remains.
    weekend_days smallint[] NOT NULL CHECK (cardinality(weekend_days) < 7 AND weekend_days <@ '{1,2,3,4,5,6,7}'),
    petition_threshold integer NOT NULL DEFAULT 100 CHECK (petition_threshold BETWEEN 1 AND 10000000),
    petition_period_days integer NOT NULL DEFAULT 60 CHECK (petition_period_days BETWEEN 1 AND 3650),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE holidays (
    office text NOT NULL REFERENCES offices (code),
    date date NOT NULL,
    name_ar text NOT NULL,
    name_fr text NOT NULL,
    name_en text NOT NULL,
    PRIMARY KEY (office, date)
);

CREATE TABLE departments (
    office text NOT NULL REFERENCES offices (code),
    code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    name_ar text NOT NULL,
    name_fr text NOT NULL,
    name_en text NOT NULL,
    PRIMARY KEY (office, code)
);

CREATE TABLE services (
    office text NOT NULL REFERENCES offices (code),
    code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
    kind text NOT NULL CHECK (kind IN ('application', 'complaint', 'petition', 'information_request', 'suggestion')),
    department text NOT NULL,
    name_ar text NOT NULL,
    name_fr text NOT NULL,
    name_en text NOT NULL,
    description_ar text NOT NULL DEFAULT '',
    description_fr text NOT NULL DEFAULT '',
    description_en text NOT NULL DEFAULT '',
    -- [{"ar": …, "fr": …, "en": …}, …]
    required_documents jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(required_documents) = 'array'),
    response_days integer NOT NULL CHECK (response_days BETWEEN 0 AND 365),
    extension_days integer NOT NULL DEFAULT 0 CHECK (extension_days BETWEEN 0 AND 365),
    fee numeric(12, 3) NOT NULL DEFAULT 0 CHECK (fee >= 0),
    fee_currency text NOT NULL DEFAULT 'TND' CHECK (fee_currency ~ '^[A-Z]{3}$'),
    active boolean NOT NULL DEFAULT true,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (office, code),
    FOREIGN KEY (office, department) REFERENCES departments (office, code)
);
