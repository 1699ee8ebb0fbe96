CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "users" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_users" PRIMARY KEY,
    "Email" TEXT NOT NULL,
    "NormalizedEmail" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "PasswordHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_users_NormalizedEmail" ON "users" ("NormalizedEmail");

CREATE TABLE "lessons" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_lessons" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Filename" TEXT NOT NULL,
    "LessonDate" TEXT NULL,
    "NextLessonDate" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Progress" REAL NOT NULL,
    "Error" TEXT NULL,
    "UploadLength" INTEGER NOT NULL,
    "UploadOffset" INTEGER NOT NULL,
    "UploadExpiresAt" TEXT NULL,
    "DurationSeconds" REAL NULL,
    "Width" INTEGER NULL,
    "Height" INTEGER NULL,
    "FastPath" INTEGER NULL,
    "StoryboardSheets" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_lessons_users_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_lessons_OwnerId" ON "lessons" ("OwnerId");

CREATE INDEX "IX_lessons_Status_UploadExpiresAt" ON "lessons" ("Status", "UploadExpiresAt");

CREATE TABLE "processing_jobs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_processing_jobs" PRIMARY KEY,
    "LessonId" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "AvailableAt" TEXT NOT NULL,
    "LeaseOwner" TEXT NULL,
    "LeaseExpiresAt" TEXT NULL,
    "LastError" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "FinishedAt" TEXT NULL,
    CONSTRAINT "FK_processing_jobs_lessons_LessonId" FOREIGN KEY ("LessonId") REFERENCES "lessons" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_processing_jobs_State_AvailableAt" ON "processing_jobs" ("State", "AvailableAt");

CREATE INDEX "IX_processing_jobs_LessonId" ON "processing_jobs" ("LessonId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122000000_Initial', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "reviews" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_reviews" PRIMARY KEY,
    "LessonId" TEXT NOT NULL,
    "Stage" TEXT NOT NULL,
    "Seq" INTEGER NOT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_reviews_lessons_LessonId" FOREIGN KEY ("LessonId") REFERENCES "lessons" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_reviews_LessonId" ON "reviews" ("LessonId");

CREATE TABLE "review_mentors" (
    "ReviewId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_review_mentors" PRIMARY KEY ("ReviewId", "UserId"),
    CONSTRAINT "FK_review_mentors_reviews_ReviewId" FOREIGN KEY ("ReviewId") REFERENCES "reviews" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_review_mentors_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_review_mentors_UserId" ON "review_mentors" ("UserId");

CREATE TABLE "stage_changes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_stage_changes" PRIMARY KEY,
    "ReviewId" TEXT NOT NULL,
    "Stage" TEXT NOT NULL,
    "ByUserId" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "Seq" INTEGER NOT NULL,
    CONSTRAINT "FK_stage_changes_reviews_ReviewId" FOREIGN KEY ("ReviewId") REFERENCES "reviews" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_stage_changes_ReviewId" ON "stage_changes" ("ReviewId");

CREATE TABLE "comments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_comments" PRIMARY KEY,
    "ReviewId" TEXT NOT NULL,
    "ParentId" TEXT NULL,
    "AtSeconds" REAL NOT NULL,
    "EndSeconds" REAL NULL,
    "Kind" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "AuthorId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "AcknowledgedAt" TEXT NULL,
    "DeletedAt" TEXT NULL,
    "Seq" INTEGER NOT NULL,
    CONSTRAINT "FK_comments_reviews_ReviewId" FOREIGN KEY ("ReviewId") REFERENCES "reviews" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_comments_ReviewId" ON "comments" ("ReviewId");

CREATE TABLE "action_items" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_action_items" PRIMARY KEY,
    "ReviewId" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "DueDate" TEXT NULL,
    "Status" TEXT NOT NULL,
    "AcknowledgedAt" TEXT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Seq" INTEGER NOT NULL,
    "CommentIds" TEXT NOT NULL,
    CONSTRAINT "FK_action_items_reviews_ReviewId" FOREIGN KEY ("ReviewId") REFERENCES "reviews" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_action_items_ReviewId" ON "action_items" ("ReviewId");

CREATE TABLE "review_events" (
    "ReviewId" TEXT NOT NULL,
    "Seq" INTEGER NOT NULL,
    "Type" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    CONSTRAINT "PK_review_events" PRIMARY KEY ("ReviewId", "Seq"),
    CONSTRAINT "FK_review_events_reviews_ReviewId" FOREIGN KEY ("ReviewId") REFERENCES "reviews" ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122010000_Reviews', '10.0.14');

COMMIT;

