package com.liferay.journal.service

/* Stub: the real signature, printing its arguments. */
class JournalArticleLocalServiceUtil {
	static Object deleteArticle(long groupId, String articleId, double version, String articleURL, com.liferay.portal.kernel.service.ServiceContext serviceContext) { lrstub.StubLog.call('deleteArticle', groupId, articleId, version, articleURL, serviceContext); null }
}
