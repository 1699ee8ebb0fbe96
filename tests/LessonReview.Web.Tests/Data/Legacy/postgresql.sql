CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL,
    CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId")
);

START TRANSACTION;
CREATE TABLE users (
    "Id" uuid NOT NULL,
    "Email" character varying(320) NOT NULL,
    "NormalizedEmail" character varying(320) NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Role" character varying(20) NOT NULL,
    "PasswordHash" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_users" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_users_NormalizedEmail" ON users ("NormalizedEmail");

CREATE TABLE lessons (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Filename" character varying(255) NOT NULL,
    "LessonDate" date,
    "NextLessonDate" date,
    "Status" character varying(20) NOT NULL,
    "Progress" double precision NOT NULL,
    "Error" character varying(1000),
    "UploadLength" bigint NOT NULL,
    "UploadOffset" bigint NOT NULL,
    "UploadExpiresAt" timestamp with time zone,
    "DurationSeconds" double precision,
    "Width" integer,
    "Height" integer,
    "FastPath" boolean,
    "StoryboardSheets" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_lessons" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_lessons_users_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_lessons_OwnerId" ON lessons ("OwnerId");

CREATE INDEX "IX_lessons_Status_UploadExpiresAt" ON lessons ("Status", "UploadExpiresAt");

CREATE TABLE processing_jobs (
    "Id" uuid NOT NULL,
    "LessonId" uuid NOT NULL,
    "State" character varying(20) NOT NULL,
    "Attempts" integer NOT NULL,
    "AvailableAt" timestamp with time zone NOT NULL,
    "LeaseOwner" character varying(200),
    "LeaseExpiresAt" timestamp with time zone,
    "LastError" character varying(4000),
    "CreatedAt" timestamp with time zone NOT NULL,
    "FinishedAt" timestamp with time zone,
    CONSTRAINT "PK_processing_jobs" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_processing_jobs_lessons_LessonId" FOREIGN KEY ("LessonId") REFERENCES lessons ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_processing_jobs_State_AvailableAt" ON processing_jobs ("State", "AvailableAt");

CREATE INDEX "IX_processing_jobs_LessonId" ON processing_jobs ("LessonId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122000000_Initial', '10.0.14');

COMMIT;

START TRANSACTION;
CREATE TABLE reviews (
    "Id" uuid NOT NULL,
    "LessonId" uuid NOT NULL,
    "Stage" character varying(20) NOT NULL,
    "Seq" bigint NOT NULL,
    "CreatedById" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_reviews" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_reviews_lessons_LessonId" FOREIGN KEY ("LessonId") REFERENCES lessons ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_reviews_LessonId" ON reviews ("LessonId");

CREATE TABLE review_mentors (
    "ReviewId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    CONSTRAINT "PK_review_mentors" PRIMARY KEY ("ReviewId", "UserId"),
    CONSTRAINT "FK_review_mentors_reviews_ReviewId" FOREIGN KEY ("ReviewId") REFERENCES reviews ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_review_mentors_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_review_mentors_UserId" ON review_mentors ("UserId");

CREATE TABLE stage_changes (
    "Id" uuid NOT NULL,
    "ReviewId" uuid NOT NULL,
    "Stage" character varying(20) NOT NULL,
    "ByUserId" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "Seq" bigint NOT NULL,
    CONSTRAINT "PK_stage_changes" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_stage_changes_reviews_ReviewId" FOREIGN KEY ("ReviewId") REFERENCES reviews ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_stage_changes_ReviewId" ON stage_changes ("ReviewId");

CREATE TABLE comments (
    "Id" uuid NOT NULL,
    "ReviewId" uuid NOT NULL,
    "ParentId" uuid,
    "AtSeconds" double precision NOT NULL,
    "EndSeconds" double precision,
    "Kind" character varying(20) NOT NULL,
    "Text" character varying(4000) NOT NULL,
    "AuthorId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "AcknowledgedAt" timestamp with time zone,
    "DeletedAt" timestamp with time zone,
    "Seq" bigint NOT NULL,
    CONSTRAINT "PK_comments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_comments_reviews_ReviewId" FOREIGN KEY ("ReviewId") REFERENCES reviews ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_comments_ReviewId" ON comments ("ReviewId");

CREATE TABLE action_items (
    "Id" uuid NOT NULL,
    "ReviewId" uuid NOT NULL,
    "Text" character varying(1000) NOT NULL,
    "DueDate" date,
    "Status" character varying(20) NOT NULL,
    "AcknowledgedAt" timestamp with time zone,
    "CreatedById" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "Seq" bigint NOT NULL,
    "CommentIds" character varying(2000) NOT NULL,
    CONSTRAINT "PK_action_items" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_action_items_reviews_ReviewId" FOREIGN KEY ("ReviewId") REFERENCES reviews ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_action_items_ReviewId" ON action_items ("ReviewId");

CREATE TABLE review_events (
    "ReviewId" uuid NOT NULL,
    "Seq" bigint NOT NULL,
    "Type" character varying(40) NOT NULL,
    "Payload" text NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_review_events" PRIMARY KEY ("ReviewId", "Seq"),
    CONSTRAINT "FK_review_events_reviews_ReviewId" FOREIGN KEY ("ReviewId") REFERENCES reviews ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122010000_Reviews', '10.0.14');

COMMIT;

