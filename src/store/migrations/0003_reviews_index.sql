-- certintake schema, version 3: the review trail is read per application, newest last.
CREATE INDEX reviews_by_application ON reviews(application_id, id);
CREATE INDEX sessions_by_user ON sessions(user_id);
