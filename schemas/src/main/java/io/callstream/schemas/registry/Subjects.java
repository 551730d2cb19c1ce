package io.callstream.schemas.registry;

import java.util.Objects;

/**
 * Subject names by Confluent's {@code TopicNameStrategy}: a topic's keys and values each have one subject, so
 * every producer and consumer of the topic agrees on where its schemas live.
 */
public final class Subjects {

    private Subjects() {
    }

    public static String valueSubject(String topic) {
        return requireTopic(topic) + "-value";
    }

    public static String keySubject(String topic) {
        return requireTopic(topic) + "-key";
    }

    public static String subject(String topic, boolean isKey) {
        return isKey ? keySubject(topic) : valueSubject(topic);
    }

    private static String requireTopic(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        return topic;
    }
}
