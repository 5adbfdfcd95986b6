-- How far each page was turned clockwise to stand upright (0, 90, 180, 270); NULL when unknown.
ALTER TABLE pages ADD COLUMN rotation INTEGER CHECK (rotation IN (0, 90, 180, 270));
