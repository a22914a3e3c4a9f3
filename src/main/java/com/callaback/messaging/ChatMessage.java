package com.callaback.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.callaback.contacts.Direction;
import com.callaback.tenant.TenantScoped;

/** One text in the conversation between a business and a contact. */
@Entity
@Table(name = "chat_messages")
public class ChatMessage extends TenantScoped {

    @Column(name = "contact_id")
    public UUID contactId;
    @Column(name = "interaction_id")
    public UUID interactionId;
    @Convert(converter = Direction.Column.class)
    public Direction direction;
    public String body = "";
    @Column(name = "message_sid")
    public String messageSid;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "media_urls")
    public List<String> mediaUrls = new ArrayList<>();
    @Column(name = "sent_by_user_id")
    public UUID sentByUserId;
    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;

    public boolean isInbound() {
        return direction == Direction.INBOUND;
    }
}
