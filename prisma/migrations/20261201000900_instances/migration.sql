-- Several collaboration instances on one database: who is alive, the sockets each holds (limits count them all), and rate limits shared by every instance.
-- CreateTable
CREATE TABLE "CollabInstance" (
    "id" TEXT NOT NULL,
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CollabInstance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollabSocket" (
    "id" UUID NOT NULL,
    "instanceId" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CollabSocket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "CollabSocket_userId_idx" ON "CollabSocket"("userId");

-- CreateIndex
CREATE INDEX "CollabSocket_documentId_idx" ON "CollabSocket"("documentId");

-- AddForeignKey
ALTER TABLE "CollabSocket" ADD CONSTRAINT "CollabSocket_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "CollabInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

