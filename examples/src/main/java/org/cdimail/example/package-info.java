/**
 * A small JAX-RS application showing what users build first with cdi-mail: an account sign-up
 * that mails an activation link (text and HTML), a password reset sent through a second alias,
 * and a mail to the site's admins whenever a request fails with a server error.
 */
package org.cdimail.example;
